using System.Diagnostics;
using System.Text;

namespace Community.Testing;

/// <summary>Collects what a child process writes to stdout and stderr, so a failing test can show it.</summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder _lines = new();

    /// <summary>Starts reading the redirected streams of a started process.</summary>
    public static ProcessOutput Of(Process process)
    {
        var output = new ProcessOutput();
        process.OutputDataReceived += (_, e) => output.Record(e.Data);
        process.ErrorDataReceived += (_, e) => output.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.AppendLine(line);
            }
        }
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return _lines.ToString();
        }
    }
}

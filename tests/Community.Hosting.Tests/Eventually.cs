namespace Community.Hosting.Tests;

public static class Eventually
{
    /// <summary>
    /// How long a process may take to start or to notice a change before a test gives up: a guard against a hang on
    /// a busy shared machine, not an assertion about speed, so it is generous.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Polls until the condition holds, or fails after <see cref="Deadline"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, Func<string> describe)
    {
        var until = DateTime.UtcNow + Deadline;
        var last = default(T);
        while (DateTime.UtcNow < until)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Still not done after {Deadline.TotalSeconds} s (last: {last}). {describe()}");
    }
}

using System.Diagnostics.Metrics;

namespace Community.Benchmarks.Dots;

/// <summary>
/// Counts grain storage writes as Orleans itself reports them (its "orleans-storage-write-latency" histogram
/// records one measurement per write), so the count does not depend on the code under measurement.
/// </summary>
public sealed class StorageWriteCounter : IDisposable
{
    private const string InstrumentName = "orleans-storage-write-latency";
    private readonly MeterListener _listener = new();
    private long _writes;

    public StorageWriteCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _writes));
        _listener.SetMeasurementEventCallback<float>((_, _, _, _) => Interlocked.Increment(ref _writes));
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _writes));
        _listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref _writes));
        _listener.Start();
    }

    public long Writes => Interlocked.Read(ref _writes);

    public void Dispose() => _listener.Dispose();
}

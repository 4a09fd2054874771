namespace Community.Web.Live;

/// <summary>A token bucket for one connection, refilled from the elapsed time when asked (no timer per connection).</summary>
internal sealed class InvocationBudget(int perSecond, int burst, TimeProvider time)
{
    private readonly object _gate = new();
    private double _tokens = burst;
    private long _refilledAt = time.GetTimestamp();

    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_refilledAt, now).TotalSeconds * perSecond));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}

namespace Community.Hosting.Tests;

public static class Eventually
{
    /// <summary>
    /// Polls until the condition holds. The deadline is a guard against a hang on a busy machine, not an assertion
    /// about speed, so it is generous.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, Func<string> describe)
    {
        var until = DateTime.UtcNow + deadline;
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

        throw new TimeoutException($"Still not done after {deadline.TotalSeconds} s (last: {last}). {describe()}");
    }
}

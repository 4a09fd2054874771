namespace Community.Web.Hosting;

/// <summary>A web node started before its silo waits for it instead of crashing; /healthz says 503 meanwhile.</summary>
internal sealed partial class RetryUntilSiloAnswers(ILogger<RetryUntilSiloAnswers> logger) : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetrying(exception.Message);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo reachable yet, retrying in 1 s: {Reason}")]
    private partial void LogRetrying(string reason);
}

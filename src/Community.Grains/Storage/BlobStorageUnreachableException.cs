namespace Community.Grains.Storage;

/// <summary>The silo cannot reach its blob storage at start; the message names the endpoint so it can be fixed.</summary>
public sealed class BlobStorageUnreachableException(Uri endpoint, string container, Exception inner)
    : Exception($"Blob storage at {endpoint.GetLeftPart(UriPartial.Authority)} is unreachable or refused container '{container}': {Reason(inner)}", inner)
{
    // The SDK's retry wrapper repeats every attempt; the last attempt's own message says what went wrong.
    internal static string Reason(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: > 0 } retries ? retries.InnerExceptions[^1].Message : exception.Message;
}

namespace Community.Silo;

public static class ConsoleLogging
{
    /// <summary>One line per event with a UTC timestamp; the message templates keep the structure.</summary>
    public static ILoggingBuilder AddCommunityConsole(this ILoggingBuilder logging) =>
        logging.ClearProviders().AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
        });
}

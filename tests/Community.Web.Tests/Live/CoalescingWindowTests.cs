using Community.Web.Live;

namespace Community.Web.Tests.Live;

/// <summary>A crowded board waits longer between messages, so each phone gets fewer of them; a small one stays quick.</summary>
public sealed class CoalescingWindowTests
{
    private readonly LiveOptions _options = new();

    [Theory]
    [InlineData(1, 50)]
    [InlineData(200, 50)]
    [InlineData(1100, 150)]
    [InlineData(2000, 250)]
    [InlineData(5000, 250)]
    public void The_window_grows_with_the_watchers_from_50_to_250_ms(int watchers, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), _options.CoalescingWindowFor(watchers));

    [Fact]
    public void A_configured_window_longer_than_the_maximum_is_kept_for_every_board()
    {
        var options = new LiveOptions { CoalescingWindow = TimeSpan.FromMilliseconds(400) };

        Assert.Equal(TimeSpan.FromMilliseconds(400), options.CoalescingWindowFor(10));
        Assert.Equal(TimeSpan.FromMilliseconds(400), options.CoalescingWindowFor(3000));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Community.Grains.Abstractions;
using Community.Testing;
using Community.Web.Access;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class AccessTests(WebFixture fixture)
{
    private CommunityWebApp App => fixture.App;

    [Fact]
    public async Task A_board_without_a_token_is_401_problem_details()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/api/meetings/m1/boards/b1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertProblemAsync(response, "/problems/unauthenticated");
    }

    [Fact]
    public async Task A_forged_or_garbled_token_is_401()
    {
        using var client = App.CreateClient("not-a-token");
        using var response = await client.GetAsync("/api/meetings/m1/boards/b1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Another_meetings_token_is_403()
    {
        var token = Issue(new MeetingMember("other-meeting", "p1", "Ana", Role.Organiser, []));
        using var client = App.CreateClient(token);
        using var response = await client.PutAsJsonAsync("/api/meetings/m1/boards/b1/state", new { state = "locked" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertProblemAsync(response, "/problems/forbidden");
    }

    [Fact]
    public async Task A_participant_may_not_do_a_facilitators_work()
    {
        var token = Issue(new MeetingMember("m1", "p1", "Ana", Role.Participant, []));
        using var client = App.CreateClient(token);
        using var response = await client.PutAsJsonAsync("/api/meetings/m1/boards/b1/state", new { state = "locked" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void A_facilitator_invited_for_some_boards_is_a_participant_on_the_others()
    {
        var member = new MeetingMember("m1", "p1", "Ana", Role.Facilitator, ["b1"]);

        Assert.Equal(Role.Facilitator, member.RoleIn("m1", "b1"));
        Assert.Equal(Role.Participant, member.RoleIn("m1", "b2"));
        Assert.Null(member.RoleIn("m2", "b1"));
    }

    [Fact]
    public async Task A_token_survives_into_a_second_web_node_on_the_same_storage()
    {
        var token = Issue(new MeetingMember("m1", "p1", "Ana", Role.Participant, []));
        await using var second = CommunityWebApp.Start(fixture.Cluster);
        using var client = second.CreateClient(token);
        using var response = await client.PutAsJsonAsync("/api/meetings/m1/boards/b1/state", new { state = "locked" });

        // Authenticated on the second node (else 401), and still refused the facilitator's work.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Rate_limits_count_an_ipv6_client_by_its_64_network(string address, string partition) =>
        Assert.Equal(partition, Endpoints.ClientAddress.PartitionKey(System.Net.IPAddress.Parse(address)));

    private string Issue(MeetingMember member) => App.Services.GetRequiredService<AccessTokens>().Issue(member);

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, string type)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

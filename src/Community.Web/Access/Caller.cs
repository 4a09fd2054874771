using System.Reflection;
using Community.Grains.Abstractions;

namespace Community.Web.Access;

/// <summary>
/// The authenticated caller of a meeting route, bound from the user and the route's {meetingId} and {boardId}:
/// add a <c>Caller caller</c> parameter to a handler guarded by <c>RequireMeetingRole</c> and pass
/// <see cref="Actor"/> to the grains.
/// </summary>
public sealed record Caller(MeetingMember Member, Actor Actor)
{
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(From(context));

    public static Caller? From(HttpContext context) =>
        MeetingMember.From(context.User) is { } member
        && context.GetRouteValue("meetingId") is string meetingId
        && member.ActorIn(meetingId, context.GetRouteValue("boardId") as string) is { } actor
            ? new Caller(member, actor)
            : null;
}

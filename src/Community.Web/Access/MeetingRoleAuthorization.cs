using Community.Grains.Abstractions;
using Microsoft.AspNetCore.Authorization;

namespace Community.Web.Access;

/// <summary>The caller must be a member of the route's {meetingId} with at least this role (on the route's {boardId}, if any).</summary>
public sealed record MeetingRoleRequirement(Role Role) : IAuthorizationRequirement
{
    public static string PolicyName(Role role) => $"meeting-{role.ToString().ToLowerInvariant()}";
}

internal sealed class MeetingRoleHandler : AuthorizationHandler<MeetingRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MeetingRoleRequirement requirement)
    {
        if (context.Resource is HttpContext http
            && MeetingMember.From(context.User) is { } member
            && http.GetRouteValue("meetingId") is string meetingId
            && member.RoleIn(meetingId, http.GetRouteValue("boardId") as string) >= requirement.Role)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class MeetingRoleEndpointExtensions
{
    /// <summary>401 without a valid token or cookie; 403 for another meeting's member or a lower role.</summary>
    public static TBuilder RequireMeetingRole<TBuilder>(this TBuilder builder, Role role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(MeetingRoleRequirement.PolicyName(role));
}

using Community.Grains.Abstractions;
using Community.Web.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Community.Web.Access;

/// <summary>The caller must be a member of the route's {meetingId} with at least this role (on the route's {boardId}, if any).</summary>
public sealed record MeetingRoleRequirement(Role Role) : IAuthorizationRequirement
{
    public static string PolicyName(Role role) => $"meeting-{role.ToString().ToLowerInvariant()}";
}

/// <summary>The caller's token or cookie is still good: not removed, not revoked, not expired with its meeting.</summary>
public sealed record ValidMemberRequirement : IAuthorizationRequirement
{
    public const string PolicyName = "meeting-member";
}

/// <summary>Why a member was refused although their role would do: it becomes 401 or 409 rather than 403.</summary>
internal sealed class AccessRefusal(IAuthorizationHandler handler, DomainError error, string message)
    : AuthorizationFailureReason(handler, message)
{
    public DomainError Error { get; } = error;
}

/// <summary>
/// Role, meeting and board from the token; removal, key generation and end from the meeting grain (cached briefly,
/// <see cref="MemberChecks"/>); and a closed meeting takes no writes but an organiser's (who may reopen it or publish).
/// </summary>
internal sealed class MeetingRoleHandler(MemberChecks checks) : AuthorizationHandler<MeetingRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, MeetingRoleRequirement requirement)
    {
        if (context.Resource is not HttpContext http
            || MeetingMember.From(context.User) is not { } member
            || http.GetRouteValue("meetingId") is not string meetingId
            || !(member.RoleIn(meetingId, http.GetRouteValue("boardId") as string) >= requirement.Role))
        {
            return;
        }

        var access = await checks.AccessAsync(meetingId);
        if (!checks.IsValid(member, access))
        {
            context.Fail(new AccessRefusal(this, DomainError.Forbidden, "This token or cookie no longer admits you to the meeting."));
        }
        else if (access!.State == MeetingState.Closed && member.Role < Role.Organiser && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            context.Fail(new AccessRefusal(this, DomainError.MeetingClosed, "The meeting is closed: it takes no more changes."));
        }
        else
        {
            context.Succeed(requirement);
        }
    }
}

internal sealed class ValidMemberHandler(MemberChecks checks) : AuthorizationHandler<ValidMemberRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ValidMemberRequirement requirement)
    {
        if (MeetingMember.From(context.User) is { } member && await checks.IsValidAsync(member))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// A revoked token gets 401 (sign in again: it will not get better by itself) and a write to a closed meeting 409
/// <c>/problems/meeting-closed</c>; everything else as ASP.NET Core does it.
/// </summary>
internal sealed class AccessRefusalResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.AuthorizationFailure?.FailureReasons.OfType<AccessRefusal>().FirstOrDefault() is not { } refusal)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }

        if (refusal.Error == DomainError.Forbidden && !IsApiOrHub(context.Request.Path))
        {
            // A person whose cookie was revoked starts again from the join page (or the directory's sign-in).
            var directory = DirectoryMember.From(context.User) is not null;
            await context.SignOutAsync(directory ? AccessSchemes.DirectoryCookie : AccessSchemes.Cookie);
            context.Response.Redirect(directory ? AccessSchemes.DirectorySignInPath : "/");
            return;
        }

        var status = refusal.Error == DomainError.Forbidden ? StatusCodes.Status401Unauthorized : StatusCodes.Status409Conflict;
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = status,
                Type = status == StatusCodes.Status401Unauthorized ? Problems.TypeForStatus(status) : Problems.Type(DomainErrors.Slug(refusal.Error)),
                Title = status == StatusCodes.Status401Unauthorized ? "Your access to this meeting was revoked or has expired." : Problems.Title(refusal.Error),
                Detail = refusal.Message,
            },
        });
    }

    private static bool IsApiOrHub(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs");
}

public static class MeetingRoleEndpointExtensions
{
    /// <summary>401 without a valid token or cookie; 403 for another meeting's member or a lower role; 409 for a write to a closed meeting.</summary>
    public static TBuilder RequireMeetingRole<TBuilder>(this TBuilder builder, Role role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(MeetingRoleRequirement.PolicyName(role));
}

using Community.Web.Access;
using Microsoft.AspNetCore.SignalR;

namespace Community.Web.Live;

/// <summary>
/// A hub connection outlives the check made when it opened: each call is checked again (<see cref="MemberChecks"/>,
/// cached briefly), and a removed or revoked member's connection is closed rather than served.
/// </summary>
internal sealed class MemberCheckFilter(MemberChecks checks) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (MeetingMember.From(invocation.Context.User) is not { } member || !await checks.IsValidAsync(member))
        {
            invocation.Context.Abort();
            throw new HubException("unauthenticated: this token no longer admits you to the meeting.");
        }

        return await next(invocation);
    }
}

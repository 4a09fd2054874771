using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Community.Web.Live;

/// <summary>
/// Caps hub invocations per connection: the HTTP rate limiter sees only the WebSocket upgrade, not what flows over it,
/// so one client could otherwise flood the hub (and the grains behind it) with Watch calls.
/// </summary>
internal sealed class ConnectionRateLimitFilter(IOptions<LiveOptions> options, TimeProvider time) : IHubFilter
{
    private const string BudgetItem = "live:invocation-budget";

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        context.Context.Items[BudgetItem] = new InvocationBudget(options.Value.InvocationsPerSecond, options.Value.InvocationBurst, time);
        return next(context);
    }

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.Context.Items[BudgetItem] is InvocationBudget budget && !budget.TryTake())
        {
            throw new HubException("rate-limited: too many calls on this connection; wait a moment.");
        }

        return next(invocation);
    }
}

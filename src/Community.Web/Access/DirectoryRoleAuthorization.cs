using Microsoft.AspNetCore.Authorization;

namespace Community.Web.Access;

/// <summary>The caller holds a directory token (API) or the directory cookie (pages) with one of these roles.</summary>
public sealed record DirectoryRoleRequirement(IReadOnlySet<DirectoryRole> Roles) : IAuthorizationRequirement;

internal sealed class DirectoryRoleHandler : AuthorizationHandler<DirectoryRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DirectoryRoleRequirement requirement)
    {
        if (DirectoryMember.From(context.User) is { } account && requirement.Roles.Contains(account.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class DirectoryRoleEndpointExtensions
{
    /// <summary>401 without a directory token or cookie; 403 for an account of another role (or a meeting's token).</summary>
    public static TBuilder RequireDirectoryRole<TBuilder>(this TBuilder builder, params DirectoryRole[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(DirectoryPolicy(roles));

    /// <summary>The policy, for Razor Pages' conventions as well as endpoints.</summary>
    public static AuthorizationPolicy DirectoryPolicy(params DirectoryRole[] roles) =>
        new AuthorizationPolicyBuilder(AccessSchemes.Bearer, AccessSchemes.DirectoryCookie)
            .RequireAuthenticatedUser()
            .AddRequirements(new DirectoryRoleRequirement(roles.ToHashSet()))
            .Build();
}

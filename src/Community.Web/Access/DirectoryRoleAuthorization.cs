using Microsoft.AspNetCore.Authorization;

namespace Community.Web.Access;

/// <summary>The caller holds a directory token (API) or the directory cookie (pages) with one of these roles.</summary>
public sealed record DirectoryRoleRequirement(IReadOnlySet<DirectoryRole> Roles) : IAuthorizationRequirement;

/// <summary>The role must be one of the requirement's, and the account must not be revoked (<see cref="DirectoryAccountChecks"/>).</summary>
internal sealed class DirectoryRoleHandler(DirectoryAccountChecks checks) : AuthorizationHandler<DirectoryRoleRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DirectoryRoleRequirement requirement)
    {
        if (DirectoryMember.From(context.User) is not { } account || !requirement.Roles.Contains(account.Role))
        {
            return;
        }

        if (await checks.IsValidAsync(account))
        {
            context.Succeed(requirement);
        }
        else
        {
            // 401 for the API; the pages sign the directory cookie out (AccessRefusalResultHandler).
            context.Fail(new AccessRefusal(this, Grains.Abstractions.DomainError.Forbidden, "This directory account was revoked."));
        }
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

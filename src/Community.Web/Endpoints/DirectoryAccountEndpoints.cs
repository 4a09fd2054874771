using System.Security.Cryptography;
using System.Text;
using Community.Grains.Abstractions;
using Community.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Community.Web.Endpoints;

/// <summary>A directory account the operator appoints: a moderator of some countries, or an organisation that imports.</summary>
public sealed record CreateDirectoryAccountRequest(string? Role, string? Name, IReadOnlyList<string>? Countries)
{
    public string? Name { get; init; } = UserText.Line(Name);
}

/// <summary>Returned once: the token is not stored anywhere and cannot be fetched again.</summary>
public sealed record DirectoryAccountCreatedResponse(string AccountId, string Token, DirectoryAccount Account);

/// <summary>
/// The operator's administration of directory accounts. The operator is whoever holds the configured key
/// <c>Community:Directory:OperatorKey</c> and sends it as <c>Authorization: Operator {key}</c>; without a configured
/// key these routes do not exist (404).
/// </summary>
public static class DirectoryAccountEndpoints
{
    public const string OperatorKeySetting = "Community:Directory:OperatorKey";
    public const string OperatorScheme = "Operator";
    public const int NameMaxLength = 120;

    public static IEndpointRouteBuilder MapDirectoryAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var accounts = endpoints.MapGroup("/api/directory/accounts").WithTags("Directory accounts")
            .AddEndpointFilter(RequireOperatorAsync);

        accounts.MapPost("", CreateAsync)
            .WithName("CreateDirectoryAccount")
            .WithSummary("Operator: appoint a moderator (of countries) or an organisation; returns its token (once)")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge);

        accounts.MapGet("", ListAsync)
            .WithName("ListDirectoryAccounts")
            .WithSummary("Operator: every directory account, oldest first, revoked ones included")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

        accounts.MapDelete("/{accountId}", RevokeAsync)
            .WithName("RevokeDirectoryAccount")
            .WithSummary("Operator: revoke an account; its token stops working on every web node")
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

        return endpoints;
    }

    /// <summary>404 when no operator key is configured, 401 unless the request carries it (compared in constant time).</summary>
    private static async ValueTask<object?> RequireOperatorAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var http = invocation.HttpContext;
        var key = http.RequestServices.GetRequiredService<IConfiguration>()[OperatorKeySetting];
        if (string.IsNullOrEmpty(key))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: Problems.TypeForStatus(StatusCodes.Status404NotFound),
                title: "Not found.");
        }

        var header = http.Request.Headers.Authorization.ToString();
        var given = header.StartsWith(OperatorScheme + " ", StringComparison.Ordinal) ? header[(OperatorScheme.Length + 1)..].Trim() : "";
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key))))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: Problems.TypeForStatus(StatusCodes.Status401Unauthorized),
                title: "The operator key is missing or wrong.");
        }

        return await next(invocation);
    }

    private static async Task<Results<Created<DirectoryAccountCreatedResponse>, ValidationProblem>> CreateAsync(
        CreateDirectoryAccountRequest request, IGrainFactory grains, AccessTokens tokens, TimeProvider time)
    {
        var role = request.Role switch
        {
            "moderator" => DirectoryRole.Moderator,
            "organisation" => DirectoryRole.Organisation,
            _ => (DirectoryRole?)null,
        };
        var countries = request.Countries ?? [];
        var validation = new Validation()
            .Check(role is not null, "role", "moderator or organisation.")
            .Text("name", request.Name, NameMaxLength, required: true)
            .Check(role != DirectoryRole.Moderator || countries.Count > 0, "countries", "A moderator needs at least one country.")
            .Each("countries", countries, 250, (v, field, country) => v.Check(Pages.CountryCodes.IsValid(country), field,
                "A known country as two capital letters (ISO 3166-1 alpha-2), e.g. BG."));
        if (validation.Problem() is { } problem)
        {
            return problem;
        }

        var accountId = MeetingJoining.NewId();
        var account = await grains.GetGrain<IDirectoryAccountGrain>(accountId).Create(new DirectoryAccount(
            accountId, request.Name!, (DirectoryAccountRole)role!.Value, role == DirectoryRole.Moderator ? countries : [], null, time.GetUtcNow()));
        var token = tokens.Issue(new DirectoryMember(account.AccountId, account.Name, role.Value, account.Countries, null));
        return TypedResults.Created($"/api/directory/accounts/{accountId}", new DirectoryAccountCreatedResponse(accountId, token, account));
    }

    private static async Task<Ok<IReadOnlyList<DirectoryAccount>>> ListAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IDirectoryAccountIndexGrain>(0).AccountIds();
        var accounts = await Task.WhenAll(ids.Select(id => grains.GetGrain<IDirectoryAccountGrain>(id).Get()));
        return TypedResults.Ok<IReadOnlyList<DirectoryAccount>>([.. accounts.OfType<DirectoryAccount>()]);
    }

    private static async Task<Ok<DirectoryAccount>> RevokeAsync(string accountId, IGrainFactory grains, DirectoryAccountChecks checks)
    {
        var revoked = await grains.GetGrain<IDirectoryAccountGrain>(accountId).Revoke();
        checks.Forget(accountId);
        return TypedResults.Ok(revoked);
    }
}

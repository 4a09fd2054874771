namespace Community.Grains.Abstractions;

/// <summary>
/// A business rule refused a call. Grains throw it; the web layer maps it to RFC 9457 problem details with
/// <see cref="ProblemType"/> as the stable type and <see cref="Field"/> naming the field at fault, if any.
/// The grain changes nothing before throwing it.
/// </summary>
[GenerateSerializer]
public sealed class DomainException : Exception
{
    public DomainException(DomainError error, string detail, string? field = null)
        : base(detail)
    {
        Error = error;
        Field = field;
    }

    [Id(0)]
    public DomainError Error { get; }

    [Id(1)]
    public string? Field { get; }

    /// <summary>The stable, documented problem type, e.g. "over-budget".</summary>
    public string ProblemType => DomainErrors.Slug(Error);
}

/// <summary>The kinds of refusal; each maps to one HTTP status and one problem type.</summary>
public enum DomainError
{
    /// <summary>400: a value breaks a rule of its own (length, range, unknown lane/slot/space).</summary>
    Invalid,
    /// <summary>403: the actor's role or relation to the thing does not allow this.</summary>
    Forbidden,
    /// <summary>404: the meeting, board or card does not exist.</summary>
    NotFound,
    /// <summary>409: the dots would exceed the participant's budget on this board.</summary>
    OverBudget,
    /// <summary>409: the dots would exceed the cap per card.</summary>
    OverCardCap,
    /// <summary>409: the board is not open for this (voting closed, locked).</summary>
    BoardClosed,
    /// <summary>409: the grid cell is taken, or the convener already runs a discussion in that slot.</summary>
    GridConflict,
    /// <summary>409: the card's status does not allow this (merged, withdrawn, hidden).</summary>
    CardNotActive,
    /// <summary>409: the thing already exists or was already done in a way that cannot be repeated.</summary>
    Conflict,
    /// <summary>409: the meeting is closed: nobody joins any more.</summary>
    MeetingClosed,
    /// <summary>410: the invite expired, was used up or was revoked.</summary>
    InviteUnusable,
    /// <summary>409: a campaign's registration deadline has passed: no more meetings join it.</summary>
    DeadlinePassed,
}

public static class DomainErrors
{
    public static string Slug(DomainError error) => error switch
    {
        DomainError.Invalid => "invalid",
        DomainError.Forbidden => "forbidden",
        DomainError.NotFound => "not-found",
        DomainError.OverBudget => "over-budget",
        DomainError.OverCardCap => "over-card-cap",
        DomainError.BoardClosed => "board-closed",
        DomainError.GridConflict => "grid-conflict",
        DomainError.CardNotActive => "card-not-active",
        DomainError.Conflict => "conflict",
        DomainError.MeetingClosed => "meeting-closed",
        DomainError.InviteUnusable => "invite-unusable",
        DomainError.DeadlinePassed => "deadline-passed",
        _ => "error",
    };
}

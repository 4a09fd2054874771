using System.Text.Json;
using Community.Web.Access;
using Community.Web.Directory;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Community.Web.Pages;

/// <summary>
/// /directory/import: an organisation or a campaign owner (directory cookie) uploads a CSV or JSON file, checks it
/// (a dry run) or imports it, and sees every row's outcome and problems. The same import as the API's
/// (<see cref="ActivityImporter"/>); the organiser tokens of new meetings are shown once, as JSON to keep.
/// </summary>
[RequestSizeLimit(ImportRows.MaxBodyBytes + MultipartEnvelopeBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportRows.MaxBodyBytes + MultipartEnvelopeBytes)]
public sealed class DirectoryImportModel(ActivityImporter importer, IStringLocalizer<PageText> text) : PageModel
{
    private const long MultipartEnvelopeBytes = 64 * 1024;

    public ImportReport? Report { get; private set; }

    public string? Error { get; private set; }

    public bool Atomic { get; private set; }

    /// <summary>The created meetings' ids and organiser tokens, as JSON; null when none was created.</summary>
    public string? Tokens { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostCheckAsync(IFormFile? file, bool atomic) => RunAsync(file, dryRun: true, atomic);

    public Task<IActionResult> OnPostImportAsync(IFormFile? file, bool atomic) => RunAsync(file, dryRun: false, atomic);

    private async Task<IActionResult> RunAsync(IFormFile? file, bool dryRun, bool atomic)
    {
        Atomic = atomic;
        if (file is not { Length: > 0 })
        {
            Error = text["Import.NoFile"];
            return Page();
        }

        if (file.Length > ImportRows.MaxBodyBytes)
        {
            Error = text["Import.TooLarge"];
            return Page();
        }

        using var body = new MemoryStream();
        await file.CopyToAsync(body, HttpContext.RequestAborted);
        var json = ImportRows.IsJson(file.ContentType) || file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        try
        {
            var rows = json ? ImportRows.FromJson(body.ToArray()) : ImportRows.FromCsv(body.ToArray());
            // The page's policy let only an organisation or a campaign owner in.
            Report = await importer.RunAsync(DirectoryMember.From(User)!, rows, dryRun, atomic, HttpContext.RequestAborted);
        }
        catch (ImportFileException unreadable)
        {
            Error = $"{unreadable.Field}: {unreadable.Message}";
            return Page();
        }

        var created = Report.Rows.Where(row => row.OrganiserToken is not null)
            .Select(row => new { row.SourceRef, row.MeetingId, row.OrganiserToken })
            .ToList();
        Tokens = created.Count == 0 ? null : JsonSerializer.Serialize(created, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
        return Page();
    }
}

using QRCoder;

namespace Community.Web.Pages;

/// <summary>The join link a code stands for, and its QR code as SVG (what the projector and the organiser show).</summary>
public static class JoinLinks
{
    public static string For(HttpRequest request, string code) => $"{request.Scheme}://{request.Host}/j/{Uri.EscapeDataString(code)}";

    public static string QrCodePath(string code) => $"/j/{Uri.EscapeDataString(code)}/qr.svg";

    /// <summary>Longer than any join code or invite token: the QR code of anything longer is nobody's link.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>
    /// A join code (<see cref="Community.Grains.Abstractions.Codes"/>, as typed or normalised) or a URL-safe invite
    /// token: letters, digits, '-' and '_', at most <see cref="MaxCodeLength"/>. Only such a code gets a QR code.
    /// </summary>
    public static bool IsLinkCode(string code) =>
        code.Length is > 0 and <= MaxCodeLength && code.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_');

    public static IEndpointRouteBuilder MapQrCodeEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/j/{code}/qr.svg", (string code, HttpRequest request) =>
        {
            if (!IsLinkCode(code))
            {
                return Results.NotFound();
            }

            using var data = QRCodeGenerator.GenerateQrCode(For(request, code), QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(640, 640), "#000000", "#ffffff", drawQuietZones: true);
            return Results.Text(svg, "image/svg+xml");
        }).ExcludeFromDescription();
        return endpoints;
    }
}

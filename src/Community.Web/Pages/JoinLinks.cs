using QRCoder;

namespace Community.Web.Pages;

/// <summary>The join link a code stands for, and its QR code as SVG (what the projector and the organiser show).</summary>
public static class JoinLinks
{
    public static string For(HttpRequest request, string code) => $"{request.Scheme}://{request.Host}/j/{Uri.EscapeDataString(code)}";

    public static string QrCodePath(string code) => $"/j/{Uri.EscapeDataString(code)}/qr.svg";

    public static IEndpointRouteBuilder MapQrCodeEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/j/{code}/qr.svg", (string code, HttpRequest request) =>
        {
            using var data = QRCodeGenerator.GenerateQrCode(For(request, code), QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(640, 640), "#000000", "#ffffff", drawQuietZones: true);
            return Results.Text(svg, "image/svg+xml");
        }).ExcludeFromDescription();
        return endpoints;
    }
}

namespace Community.Web.Pages;

/// <summary>
/// The texts of the pages and their scripts: Resources/Pages/PageText.resx (English) and PageText.{culture}.resx.
/// Another language is one more file with the same keys.
/// </summary>
public sealed class PageText;

global using System.Text.RegularExpressions;
global using Microsoft.Playwright;
global using static Community.Browser.Tests.People;
global using static Microsoft.Playwright.Assertions;

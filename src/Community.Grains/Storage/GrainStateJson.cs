using System.Text.Json;
using System.Text.Json.Serialization;

namespace Community.Grains.Storage;

/// <summary>
/// The JSON shape of stored grain state: camelCase, enums by name, no type tags, so blobs stay readable and
/// their shape is a versioned contract rather than a .NET type dump.
/// </summary>
internal static class GrainStateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };
}

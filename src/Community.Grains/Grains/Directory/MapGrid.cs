using System.Globalization;
using Community.Grains.Abstractions;

namespace Community.Grains.Grains.Directory;

/// <summary>
/// The map's clustering grid: Web Mercator tile space (the world is 256·2^zoom pixels wide, as Leaflet draws it)
/// cut into square cells of <see cref="DirectoryMap.CellPixels"/> pixels. The grid depends only on the zoom, so the clusters
/// two partitions find in the same cell ("zoom/x/y") add up into one.
/// </summary>
internal static class MapGrid
{
    /// <summary>Web Mercator's latitude limit: the map is square up to here.</summary>
    public const double MaxLatitude = 85.05112878;

    /// <summary>Cells along each axis at this zoom: 256·2^zoom / 64.</summary>
    public static long CellsPerAxis(int zoom) => (256L << zoom) / DirectoryMap.CellPixels;

    /// <summary>The position in world units, 0..1 from west to east and from north to south.</summary>
    public static (double X, double Y) Project(GeoPoint point)
    {
        var latitude = Math.Clamp(point.Latitude, -MaxLatitude, MaxLatitude) * Math.PI / 180;
        var x = (point.Longitude + 180) / 360;
        var y = (1 - Math.Log(Math.Tan(latitude) + 1 / Math.Cos(latitude)) / Math.PI) / 2;
        return (Math.Clamp(x, 0, 1 - 1e-12), Math.Clamp(y, 0, 1 - 1e-12));
    }

    public static string Cell(double x, double y, int zoom)
    {
        var cells = CellsPerAxis(zoom);
        var column = (long)(x * cells);
        var row = (long)(y * cells);
        return string.Create(CultureInfo.InvariantCulture, $"{zoom}/{column}/{row}");
    }

    /// <summary>Whether the point lies in the box; a box whose West is east of its East crosses the antimeridian.</summary>
    public static bool Contains(BoundingBox box, GeoPoint point) =>
        point.Latitude >= box.South && point.Latitude <= box.North
        && (box.West <= box.East
            ? point.Longitude >= box.West && point.Longitude <= box.East
            : point.Longitude >= box.West || point.Longitude <= box.East);

    /// <summary>Clusters of several partitions merged by cell: counts add up, positions average weighted by count.</summary>
    public static IReadOnlyList<MapPoint> Merge(IEnumerable<MapPoint> points) =>
        [.. points.GroupBy(point => point.Cell, StringComparer.Ordinal).Select(cell =>
        {
            var parts = cell.ToList();
            if (parts.Count == 1)
            {
                return parts[0];
            }

            var count = parts.Sum(part => part.Count);
            return new MapPoint(
                cell.Key,
                parts.Sum(part => part.Latitude * part.Count) / count,
                parts.Sum(part => part.Longitude * part.Count) / count,
                count,
                null,
                null);
        })];
}

namespace Community.Web.Pages;

/// <summary>
/// Numbers as a table whose cells also draw a bar (inline SVG, no script, no style attribute): the chart is the
/// table, so a screen reader reads the same numbers a sighted reader compares. Each column scales to its own maximum.
/// </summary>
public sealed record BarTable(string Caption, string LabelHeading, IReadOnlyList<string> ValueHeadings, IReadOnlyList<BarTable.Row> Rows)
{
    /// <summary>"years" when the labels are years: a narrow first column leaves room for the numbers on a phone.</summary>
    public string? Kind { get; init; }

    public sealed record Row(string Label, IReadOnlyList<long> Values);

    /// <summary>The bar's length for a value of a column, 0-100.</summary>
    public double Percent(int column, long value)
    {
        var max = Rows.Count == 0 ? 0 : Rows.Max(row => row.Values[column]);
        return max <= 0 ? 0 : Math.Round(100.0 * value / max, 1);
    }

    public static BarTable Years(string caption, string yearHeading, string activities, string participants, IEnumerable<Grains.Abstractions.YearFigures> years) =>
        new(caption, yearHeading, [activities, participants],
            years.OrderBy(year => year.Year).Select(year => new Row(year.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), [year.Activities, year.Participants])).ToList())
        {
            Kind = "years",
        };
}

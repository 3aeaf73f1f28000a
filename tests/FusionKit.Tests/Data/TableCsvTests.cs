using FusionKit.Data;
using Microsoft.Data.Analysis;

namespace FusionKit.Tests.Data;

public class TableCsvTests
{
    [Fact]
    public void ToCsv_WritesTheHandWrittenFile_MissingValuesAsEmptyFields()
    {
        var frame = new DataFrame(
            new StringDataFrameColumn("method", ["gated", "late, weighted", null]),
            new DoubleDataFrameColumn("accuracy_mean", [0.9, 1.0 / 3, double.NaN]),
            new DoubleDataFrameColumn("accuracy_std", [double.NaN, 0.25, null]),
            new Int32DataFrameColumn("n", [1, 3, 2]),
            new Int64DataFrameColumn("parameters", [12_345_678_901L, 0, -1]),
            new BooleanDataFrameColumn("leaked", [true, false, null]),
            new StringDataFrameColumn("text \"source\"", ["simulated", "label", "n/a"]));

        // Written by hand from the rule: RFC 4180 quoting, invariant culture, doubles round-trip ("R": 1/3 keeps 16
        // digits), NaN and null as empty fields, never "NaN".
        const string expected =
            "method,accuracy_mean,accuracy_std,n,parameters,leaked,\"text \"\"source\"\"\"\n" +
            "gated,0.9,,1,12345678901,true,simulated\n" +
            "\"late, weighted\",0.3333333333333333,0.25,3,0,false,label\n" +
            ",,,2,-1,,n/a\n";
        Assert.Equal(expected, TableCsv.ToCsv(frame));
    }

    [Fact]
    public void Cell_IsCultureInvariant_AndEmptyForNonFiniteNumbers()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE"); // decimal comma
            Assert.Equal("0.5", TableCsv.Cell(0.5));
            Assert.Equal("1.5", TableCsv.Cell(1.5f));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
        Assert.Equal("", TableCsv.Cell(double.PositiveInfinity));
        Assert.Equal("", TableCsv.Cell(float.NaN));
        Assert.Equal("", TableCsv.Cell(null));
    }
}

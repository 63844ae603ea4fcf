using SolverEngine.Core.Import;

namespace SolverEngine.Core.Tests.Import;

public class TsplibReaderTests
{
    internal const string DataDirectory = "/work/shared/data/instances/tsplib_atsp";

    internal static string DataFile(string name)
    {
        string path = Path.Combine(DataDirectory, name);
        Assert.True(File.Exists(path), $"Benchmark file {path} is missing; the TSPLIB tests need /work/shared/data/instances.");
        return path;
    }

    [Fact]
    public void Reads_br17_dimension_and_entries()
    {
        var br17 = TsplibReader.ReadFile(DataFile("br17.atsp"));
        Assert.Equal("br17", br17.Name);
        Assert.Equal("ATSP", br17.Type);
        Assert.Equal(17, br17.Dimension);
        Assert.Equal(9999, br17.Distance(0, 0));
        Assert.Equal(3, br17.Distance(0, 1));
        Assert.Equal(48, br17.Distance(0, 3));
        Assert.Equal(0, br17.Distance(0, 11));
        Assert.Equal(5, br17.Distance(0, 16)); // wrapped onto the next line in the file
        Assert.Equal(0, br17.Distance(1, 9));
        Assert.Equal(72, br17.Distance(2, 3));
        Assert.Equal(0, br17.Distance(2, 13));
    }

    [Fact]
    public void Reads_ftv33_with_big_diagonal()
    {
        var ftv33 = TsplibReader.ReadFile(DataFile("ftv33.atsp"));
        Assert.Equal(34, ftv33.Dimension);
        Assert.Equal(100000000, ftv33.Distance(0, 0));
        Assert.Equal(26, ftv33.Distance(0, 1));
        Assert.Equal(82, ftv33.Distance(0, 2));
        Assert.Equal(134, ftv33.Distance(0, 6));
    }

    [Fact]
    public void Reads_p43_one_row_per_line()
    {
        var p43 = TsplibReader.ReadFile(DataFile("p43.atsp"));
        Assert.Equal(43, p43.Dimension);
        Assert.Equal(0, p43.Distance(0, 0));
        Assert.Equal(26, p43.Distance(0, 1));
        Assert.Equal(446, p43.Distance(0, 42));
        Assert.Equal(36, p43.Distance(1, 0));
        Assert.Equal(356, p43.Distance(3, 42));
    }

    [Fact]
    public void Reads_every_benchmark_file()
    {
        var files = Directory.GetFiles(DataDirectory, "*.atsp");
        Assert.Equal(19, files.Length);
        foreach (string f in files)
        {
            var instance = TsplibReader.ReadFile(f);
            Assert.Equal(Path.GetFileNameWithoutExtension(f), instance.Name);
            Assert.InRange(instance.Dimension, 17, 443);
        }
    }

    [Fact]
    public void Parses_inline_text_and_tour_length()
    {
        const string text = """
            NAME : tiny
            TYPE : ATSP
            DIMENSION : 3
            EDGE_WEIGHT_TYPE : EXPLICIT
            EDGE_WEIGHT_FORMAT : FULL_MATRIX
            EDGE_WEIGHT_SECTION
            0 1 2
            3 0 4 5
            6 0
            EOF
            """;
        var tiny = TsplibReader.Parse(text);
        Assert.Equal(3, tiny.Dimension);
        Assert.Equal(4, tiny.Distance(1, 2));
        Assert.Equal(6, tiny.Distance(2, 1));
        Assert.Equal(1 + 4 + 5, tiny.TourLength([0, 1, 2]));
        Assert.Equal(2 + 6 + 3, tiny.TourLength([0, 2, 1]));
    }

    [Theory]
    [InlineData("DIMENSION: 2\nEDGE_WEIGHT_SECTION\n0 1 2\n", "needs 4")]
    [InlineData("DIMENSION: 2\nEDGE_WEIGHT_SECTION\n0 1 x 0\n", "'x' is not a number")]
    [InlineData("DIMENSION: 2\nEDGE_WEIGHT_FORMAT: UPPER_ROW\nEDGE_WEIGHT_SECTION\n1\n", "UPPER_ROW")]
    [InlineData("DIMENSION: 2\nEDGE_WEIGHT_TYPE: EUC_2D\nNODE_COORD_SECTION\n1 0 0\n", "NODE_COORD_SECTION")]
    [InlineData("NAME: x\n", "no EDGE_WEIGHT_SECTION")]
    [InlineData("DIMENSION: 2\nEDGE_WEIGHT_SECTION\n0 1 2 0 7\n", "more than 4")]
    public void Rejects_bad_input_with_a_clear_message(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => TsplibReader.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}

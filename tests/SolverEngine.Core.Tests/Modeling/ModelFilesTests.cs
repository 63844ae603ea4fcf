using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;

namespace SolverEngine.Core.Tests.Modeling;

public sealed class ModelFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("se-core-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Json_round_trip_keeps_the_model()
    {
        var model = TestModels.Small();
        var path = Path.Combine(_dir, "m.json");
        ModelFiles.Save(model, path);
        var loaded = ModelFiles.Load(path);
        Assert.Equal(model, loaded);

        var again = Path.Combine(_dir, "again.json");
        ModelFiles.Save(loaded, again);
        Assert.Equal(File.ReadAllText(path), File.ReadAllText(again));
    }

    [Fact]
    public void Json_is_canonical_proto3_json()
    {
        var path = Path.Combine(_dir, "m.json");
        ModelFiles.Save(TestModels.Small(), path);
        var text = File.ReadAllText(path);
        Assert.Contains("\"initialProductId\": \"A\"", text);
        Assert.Contains("\"start\": \"2026-01-05T00:00:00Z\"", text);
        Assert.Contains("\"granularity\": \"DAY\"", text);
    }

    [Fact]
    public void Binary_round_trip_keeps_the_model()
    {
        var model = TestModels.Small();
        foreach (var ext in new[] { ".pb", ".bin" })
        {
            var path = Path.Combine(_dir, "m" + ext);
            ModelFiles.Save(model, path);
            Assert.Equal(model, ModelFiles.Load(path));
        }
    }

    [Fact]
    public async Task Async_round_trip_of_any_message()
    {
        var result = new SolveResult { Status = SolveStatus.Feasible, Objective = 12.5 };
        var path = Path.Combine(_dir, "r.json");
        await MessageFiles.SaveAsync(result, path, CancellationToken.None);
        Assert.Equal(result, await MessageFiles.LoadAsync<SolveResult>(path, CancellationToken.None));
    }

    [Fact]
    public void Original_proto_field_names_are_accepted()
    {
        var m = ModelFiles.ParseJson("""{"lines": [{"id": "L1", "site_id": "S1", "initial_product_id": "A"}]}""");
        Assert.Equal("S1", m.Lines[0].SiteId);
        Assert.Equal("A", m.Lines[0].InitialProductId);
    }

    [Fact]
    public void Json_syntax_error_names_file_line_and_column()
    {
        var path = Path.Combine(_dir, "broken.json");
        File.WriteAllText(path, "{\n  \"name\": \"x\",\n  \"sites\": [ {\"id\": \"S1\" ]\n}\n");
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.NotNull(e.Column);
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void Unknown_field_is_an_error_with_its_position()
    {
        var path = Path.Combine(_dir, "typo.json");
        File.WriteAllText(path, "{\n  \"name\": \"x\",\n  \"lines\": [{\"id\": \"L1\", \"siteIdd\": \"S1\"}]\n}\n");
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.Load(path));
        Assert.Contains("siteIdd", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Unknown_enum_name_is_an_error_with_its_position()
    {
        var json = "{\n  \"horizon\": {\n    \"bands\": [{\"granularity\": \"DAYS\", \"count\": 3}]\n  }\n}";
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.ParseJson(json, "m.json"));
        Assert.Contains("DAYS", e.Message);
        Assert.Equal(3, e.Line);
        Assert.Equal(31, e.Column); // the opening quote of "DAYS"
    }

    [Fact]
    public void Wrong_value_type_is_an_error()
    {
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.ParseJson("""{"recipes": [{"rate": "fast"}]}""", "inline"));
        Assert.Contains("inline", e.Message);
    }

    [Fact]
    public void Bad_timestamp_is_an_error()
    {
        Assert.Throws<ModelFileException>(() => ModelFiles.ParseJson("""{"horizon": {"start": "next monday"}}"""));
    }

    [Fact]
    public void Corrupt_binary_is_an_error()
    {
        var path = Path.Combine(_dir, "bad.pb");
        File.WriteAllBytes(path, [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]);
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.Load(path));
        Assert.Contains("bad.pb", e.Message);
    }

    [Fact]
    public void Unknown_extension_is_caller_misuse()
    {
        Assert.Throws<ArgumentException>(() => ModelFiles.Load(Path.Combine(_dir, "m.yaml")));
    }

    [Fact]
    public void Missing_file_is_an_io_error()
    {
        Assert.Throws<FileNotFoundException>(() => ModelFiles.Load(Path.Combine(_dir, "none.json")));
    }
}

using SolverEngine.Core.Compilation;
using SolverEngine.Core.Import;

namespace SolverEngine.Core.Tests.Import;

/// <summary>
/// Imported benchmark files compile, and the compiled numbers are the literature's: a period's
/// working hours times the rate is the period's capacity, setups cost what the file says.
/// </summary>
public class ImportedModelsCompileTests
{
    public static TheoryData<string> AllFiles => ImportedModelsValidateTests.AllFiles;

    /// <summary>A few files of every set, the largest included; the whole sets run in the slow test below.</summary>
    public static TheoryData<string> SampleFiles => new()
    {
        "trigeiro_clsp/F/F1.DAT", "trigeiro_clsp/G/G43.DAT", "trigeiro_clsp/X/X11117A",
        "glsppl_random/A1.txt", "glsppl_random/E5.txt",
        "mpclsp/AAA012225_0.dat", "mpclsp/NBB012650_0.dat",
    };

    [BenchmarkTheory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_of_imported_models_compiles(string relativePath) => Imported_model_compiles(relativePath);

    [BenchmarkTheory]
    [Trait("Category", "Slow")]
    [MemberData(nameof(AllFiles))]
    public void Imported_model_compiles(string relativePath)
    {
        var model = ImportedModelsValidateTests.ImportAny(relativePath);
        var compiled = ModelCompiler.Compile(model);
        Assert.Equal(model.Recipes.Count, compiled.Recipes.Length);
        Assert.All(compiled.Lines, l => Assert.All(l.AvailableHours, h => Assert.InRange(h, 0, 168 + 1e-9)));
    }

    [BenchmarkFact]
    public void Trigeiro_G1_compiles_to_the_file_capacity_and_setups()
    {
        var compiled = ModelCompiler.Compile(TrigeiroImporter.Import(BenchmarkData.File("trigeiro_clsp/G/G1.DAT")));
        var line = compiled.Lines[0];
        Assert.True(line.SetupPerBucket);
        Assert.Equal(15, compiled.Buckets.Count);
        Assert.All(line.AvailableHours, h => Assert.Equal(24.0, h, 9));
        var p3 = compiled.ProductIds.IndexOf("P3");
        var recipe = compiled.Recipes.Single(r => r.Product == p3);
        // Capacity used by a unit of item 3 is b = 1, so a period holds 760 units.
        Assert.Equal(760.0, 24.0 / recipe.HoursPerUnit, 6);
        var local = line.Changeovers.LocalIndexOf(p3);
        Assert.Equal(40 * 24.0 / 760, line.Changeovers.Hours(ChangeoverMatrix.Clean, local), 9);
        Assert.Equal(200.0, line.Changeovers.Cost(ChangeoverMatrix.Clean, local));
        // Any product -> P3 within a period pays P3's setup too (CLSP: one setup per item and period).
        var p1 = line.Changeovers.LocalIndexOf(compiled.ProductIds.IndexOf("P1"));
        Assert.Equal(200.0, line.Changeovers.Cost(p1, local));
        Assert.Equal(97.0, compiled.DemandIn(p3 + 1, 0, 2)); // P4, site S1, day 3
    }

    [BenchmarkFact]
    public void Glsppl_A1_compiles_to_the_file_capacity_and_setups()
    {
        var compiled = ModelCompiler.Compile(GlspplImporter.Import(BenchmarkData.File("glsppl_random/A1.txt")));
        var line = compiled.Lines[compiled.LineIds.IndexOf("L1")];
        Assert.Equal(7, line.MaxRunsPerBucket);
        Assert.Equal(16, compiled.Buckets.Count);
        var p1 = compiled.ProductIds.IndexOf("P1");
        var p2 = compiled.ProductIds.IndexOf("P2");
        var recipe = compiled.Recipes.Single(r => r.Line == line.Index && r.Product == p1);
        // A week's hours at the rate make exactly capacity / processing time = 160 / 0.018 units.
        Assert.All(line.AvailableHours, h => Assert.Equal(160 / 0.018, h / recipe.HoursPerUnit, 6));
        var m = line.Changeovers;
        Assert.Equal(3 * 168.0 / 160, m.Hours(m.LocalIndexOf(p1), m.LocalIndexOf(p2)), 9);
        Assert.Equal(252.0, m.Cost(m.LocalIndexOf(p1), m.LocalIndexOf(p2)));
        Assert.Equal(0.0, m.Cost(ChangeoverMatrix.Clean, m.LocalIndexOf(p2)));
        Assert.Equal(12789, compiled.Sites[0].WarehouseCapacity);
        Assert.Equal(2624, compiled.InitialStock(0, p1));
        Assert.Equal(437, compiled.InitialBacklog(0, compiled.ProductIds.IndexOf("P8")));
        // Weekly holding cost 0.39 charged per day over 7 days.
        Assert.Equal(0.39, compiled.Products[p1].HoldingCost * compiled.Buckets[0].LengthDays, 9);
    }

    [BenchmarkFact]
    public void Mpclsp_AAA012225_compiles_to_the_file_capacity_and_setups()
    {
        var compiled = ModelCompiler.Compile(MpclspImporter.Import(BenchmarkData.File("mpclsp/AAA012225_0.dat")));
        var line = compiled.Lines[compiled.LineIds.IndexOf("L1")];
        var p1 = compiled.ProductIds.IndexOf("P1");
        var recipe = compiled.Recipes.Single(r => r.Line == line.Index && r.Product == p1);
        Assert.Equal(6482 / 1.8, line.AvailableHours[0] / recipe.HoursPerUnit, 6);
        Assert.Equal(78.1, line.Changeovers.Cost(ChangeoverMatrix.Clean, line.Changeovers.LocalIndexOf(p1)));
        Assert.Equal(76.0, compiled.DemandIn(p1, compiled.SiteIds.IndexOf("S2"), 0));
        Assert.Equal(2, compiled.Lanes.Length);
    }
}

using SolverEngine.Contracts.V1;
using SolverEngine.Core.Compilation;
using SolverEngine.Core.Modeling;
using SolverEngine.Core.Validation;

namespace SolverEngine.Core.Tests.Examples;

/// <summary>The hand-written models in examples/ load, validate without any issue and compile.</summary>
public sealed class ExampleModelTests
{
    public static TheoryData<string> Files => new() { "dairy-cip.json", "chemicals-two-plants.json", "multi-resolution.json" };

    internal static string ExamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples");
            if (Directory.Exists(candidate) && Directory.Exists(Path.Combine(dir.FullName, "proto")))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No examples/ folder above {AppContext.BaseDirectory}.");
    }

    private static PlanningModel Load(string file) => ModelFiles.Load(Path.Combine(ExamplesDirectory(), file));

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_validates_without_errors_or_warnings(string file)
    {
        var report = ModelValidator.Validate(Load(file));
        Assert.True(report.Issues.Count == 0, string.Join("\n", report.Issues.Select(i => $"{i.Severity} {i.Code} {i.Path}: {i.Message}")));
        Assert.True(report.Valid);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_compiles(string file)
    {
        var c = ModelCompiler.Compile(Load(file));
        Assert.True(c.Buckets.Count > 0);
        Assert.NotEmpty(c.Demand);
        Assert.All(c.Lines, l => Assert.True(l.AvailableHours.Sum() > 0));
        Assert.All(c.Recipes, r => Assert.True(r.LocalProduct >= 0));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_survives_a_json_and_binary_round_trip(string file)
    {
        var model = Load(file);
        Assert.Equal(model, ModelFiles.ParseJson(ModelFiles.ToJson(model)));
        Assert.Equal(model, MessageFiles.ParseBinary<PlanningModel>(Google.Protobuf.MessageExtensions.ToByteArray(model)));
    }

    [Fact]
    public void Dairy_forbids_allergen_before_plain_and_uses_the_cip_skid()
    {
        var c = ModelCompiler.Compile(Load("dairy-cip.json"));
        var fill1 = c.Lines[c.LineIds.Get("FILL1")];
        var mx = fill1.Changeovers;
        int L(string p) => mx.LocalIndexOf(c.ProductIds.Get(p));
        Assert.True(mx.IsForbidden(L("ALM1L"), L("WM1L")));
        Assert.False(mx.IsForbidden(L("WM1L"), L("ALM1L")));
        Assert.Equal(3.0, mx.Hours(L("ALM1L"), L("CHO1L")));
        Assert.Equal(1.0, mx.Hours(L("WM1L"), L("SK1L")));   // product rule beats the family default
        Assert.Equal(0.5, mx.Hours(L("SK1L"), L("WM1L")));
        var cip = c.AssetIds.Get("CIP1");
        Assert.Contains(cip, c.ChangeoverRules[mx.RuleIndex(L("CHO1L"), L("WM1L"))].Assets);
        var fill2 = c.Lines[c.LineIds.Get("FILL2")].Changeovers;
        Assert.Equal(2.5, fill2.Hours(fill2.LocalIndexOf(c.ProductIds.Get("HZC250")), fill2.LocalIndexOf(c.ProductIds.Get("CHO250"))));
        Assert.Equal(20 - 8, fill1.AvailableHours[9]); // maintenance on 11 March
        Assert.Equal(TimeFence.Frozen, c.Buckets[0].Fence);
        Assert.Equal(TimeFence.Slushy, c.Buckets[1].Fence);
        Assert.Equal(TimeFence.Liquid, c.Buckets[3].Fence);
    }

    [Fact]
    public void Chemicals_packing_draws_from_the_reactor_tank_and_ships_on_the_lane()
    {
        var c = ModelCompiler.Compile(Load("chemicals-two-plants.json"));
        var pack = c.Recipes[c.RecipeIds.Get("PK1-A")];
        Assert.Equal(c.TankIds.Get("TK-A"), pack.InputTank);
        Assert.Equal(c.TankIds.Get("TK-A"), c.Recipes[c.RecipeIds.Get("R1-A")].OutputTank);
        Assert.Contains(new RecipeInputUse(false, c.ProductIds.Get("RES-A"), 25), pack.Inputs);
        var lane = c.Lanes[c.LaneIds.Get("RTM-ANR-TRUCK")];
        Assert.Equal((c.SiteIds.Get("RTM"), c.SiteIds.Get("ANR")), (lane.FromSite, lane.ToSite));
        Assert.False(lane.Allows(c.ProductIds.Get("B-IBC")));
        var r1 = c.Lines[c.LineIds.Get("RTM-R1")].Changeovers;
        int L(string p) => r1.LocalIndexOf(c.ProductIds.Get(p));
        Assert.Equal(14, r1.Hours(L("RES-B"), L("RES-A")));
        Assert.Equal(7, c.Buckets.Buckets.Count(b => b.Granularity == Granularity.Week));
    }

    [Fact]
    public void Multi_resolution_has_day_week_and_month_buckets_to_april_2027()
    {
        var c = ModelCompiler.Compile(Load("multi-resolution.json"));
        Assert.Equal(14 + 11 + 12, c.Buckets.Count);
        Assert.Equal(new DateTime(2026, 4, 6), c.Buckets[25].Start);
        Assert.Equal(new DateTime(2027, 4, 6), c.Buckets.End);
        Assert.Equal(4, c.FrozenRuns.Length);
        Assert.True(c.Lines[c.LineIds.Get("PET2")].SetupPerBucket);
        // The August shutdown empties PET1's August month bucket up to its last week.
        var aug = c.Buckets.IndexOf(new DateTime(2026, 8, 15, 0, 0, 0, DateTimeKind.Utc));
        var pet1 = c.Lines[c.LineIds.Get("PET1")];
        Assert.True(pet1.AvailableHours[aug] < c.Buckets[aug].LengthDays * 16 * 0.7);
    }
}

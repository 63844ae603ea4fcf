using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;

namespace SolverEngine.Cli.Tests;

/// <summary>`solverengine verify` reports the process-physics rules by their codes: a shared asset used by
/// two lines at once, and a tank filled beyond its capacity.</summary>
public sealed class VerifyPhysicsCommandTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("se-verify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Timestamp At(double hour) => Timestamp.FromDateTime(Start.AddHours(hour));

    // Lines L1 and L2 fill intermediate I (10/h) into tank T (capacity 60); both recipes need the skid K.
    private static PlanningModel Model() => new()
    {
        Name = "skid and tank",
        Horizon = new Horizon { Start = At(0), Bands = { new ResolutionBand { Granularity = Granularity.Day, Count = 1 } } },
        Sites = { new Site { Id = "S" } },
        Lines = { new Line { Id = "L1", SiteId = "S" }, new Line { Id = "L2", SiteId = "S" } },
        Products = { new Product { Id = "I", Intermediate = true } },
        Recipes =
        {
            new Recipe { Id = "R1", ProductId = "I", LineId = "L1", Rate = 10, OutputTankId = "T", AssetIds = { "K" } },
            new Recipe { Id = "R2", ProductId = "I", LineId = "L2", Rate = 10, OutputTankId = "T", AssetIds = { "K" } },
        },
        Tanks = { new Tank { Id = "T", SiteId = "S", Capacity = 60 } },
        SharedAssets = { new SharedAsset { Id = "K", SiteId = "S", Name = "CIP skid" } },
    };

    private static SolveResult Result(double l2From, double l2To) => new()
    {
        Status = SolveStatus.Feasible,
        Plan = new Plan
        {
            Buckets = { new Bucket { Index = 0, Start = At(0), End = At(24), Granularity = "DAY", Fence = "LIQUID" } },
            Runs =
            {
                new Run { LineId = "L1", ProductId = "I", RecipeId = "R1", Start = At(0), End = At(3), Quantity = 30 },
                new Run { LineId = "L2", ProductId = "I", RecipeId = "R2", Start = At(l2From), End = At(l2To), Quantity = 10 * (l2To - l2From) },
            },
        },
    };

    private async Task<(int Code, string Output)> VerifyAsync(SolveResult result)
    {
        var model = Path.Combine(_dir, "model.json");
        var file = Path.Combine(_dir, "result.json");
        ModelFiles.Save(Model(), model);
        MessageFiles.Save(result, file);
        var (code, output, _) = await CliHarness.RunAsync("verify", model, file);
        return (code, output);
    }

    [Fact]
    public async Task Verify_accepts_lines_taking_turns_on_the_skid_within_the_tank()
    {
        var (code, output) = await VerifyAsync(Result(3, 6));

        Assert.True(code == ExitCodes.Success, output);
        Assert.StartsWith("Plan is VALID.", output);
    }

    [Fact]
    public async Task Verify_prints_the_asset_overlap_and_the_tank_overflow()
    {
        // L2 starts on the skid while L1 still uses it, and fills 40 more: 70 units in a tank of 60.
        var (code, output) = await VerifyAsync(Result(2, 6));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.StartsWith("Plan is INVALID: 2 violation(s).", output);
        Assert.Contains("ASSET_OVERLAP (1)", output);
        Assert.Contains("runs[1]: Shared asset 'K' (capacity 1)", output);
        Assert.Contains("TANK_OVERFLOW (1)", output);
        Assert.Contains("buckets[0]: Tank 'T' holds more than its capacity 60", output);
    }
}

using SolverEngine.Contracts.V1;
using SolverEngine.Core.Modeling;

namespace SolverEngine.Server.Tests.Infrastructure;

internal static class TestModels
{
    /// <summary>Models/small.json: a valid one-line model.</summary>
    public static PlanningModel Small() => ModelFiles.Load(Path.Combine(TestPaths.ModelsDirectory, "small.json"));

    /// <summary>Models/broken.json: four mistakes (duplicate id, two unknown references, a negative rate).</summary>
    public static PlanningModel Broken() => ModelFiles.Load(Path.Combine(TestPaths.ModelsDirectory, "broken.json"));

    public static readonly string[] BrokenPaths = ["products[1].id", "lines[0].site_id", "recipes[0].rate", "orders[0].product_id"];

    public static SolveRequest Request(string name = "") => new() { Model = Small(), Name = name, Options = new SolveOptions() };
}

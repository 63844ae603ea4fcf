using SolverEngine.Contracts.V1;
using SolverEngine.Core.Generation;
using SolverEngine.Core.Validation;

namespace SolverEngine.Core.Tests.Generation;

/// <summary>Every generated size is a valid model for the engine's own validator, without warnings.</summary>
public class GeneratedModelsValidateTests
{
    [Theory]
    [InlineData(InstanceSize.S, 1)]
    [InlineData(InstanceSize.S, 2)]
    [InlineData(InstanceSize.S, 3)]
    [InlineData(InstanceSize.M, 1)]
    [InlineData(InstanceSize.M, 2)]
    [InlineData(InstanceSize.L, 1)]
    public void Generated_model_validates_without_errors(InstanceSize size, int seed) =>
        AssertValid(InstanceGenerator.Generate(size, seed));

    [Fact]
    [Trait("Category", "Slow")]
    public void XL_validates_without_errors() =>
        AssertValid(InstanceGenerator.Generate(InstanceSize.XL, 2026));

    private static void AssertValid(PlanningModel model)
    {
        var report = ModelValidator.Validate(model);
        // Generated models are clean: no errors and no warnings either (e.g. a recipe that can never run).
        var issues = report.Issues.Select(i => $"{i.Severity} {i.Code} {i.Path}: {i.Message}").ToList();
        Assert.True(report.Valid && issues.Count == 0, string.Join(Environment.NewLine, issues.Take(10)));
    }
}

using SolverEngine.Core.Validation;
using static SolverEngine.Core.Tests.TestModels;

namespace SolverEngine.Core.Tests.Validation;

public sealed class ValidationReportTextTests
{
    [Fact]
    public void Errors_come_first_with_path_code_and_hint()
    {
        var m = Small();
        m.Forecasts[0].End = Day(10);  // warning
        m.Recipes[0].Rate = -5;        // error
        var text = ValidationReportText.Format(ModelValidator.Validate(m));
        var lines = text.Split('\n');
        Assert.StartsWith("ERROR   recipes[0].rate: Recipe 'RA' has rate -5 (units/hour); a rate must be > 0. [NON_POSITIVE_RATE]", lines[0]);
        Assert.StartsWith("        hint: ", lines[1]);
        Assert.StartsWith("WARNING forecasts[0]:", lines[2]);
        Assert.StartsWith("Invalid: 1 error, 1 warning.", lines[^1]);
    }

    [Fact]
    public void Valid_report_says_so_with_the_sizes()
    {
        var text = ValidationReportText.Format(ModelValidator.Validate(Small()));
        Assert.Equal("Valid: 0 errors, 0 warnings. 1 sites, 2 lines, 4 products, 4 recipes, 1 orders, 7 buckets.", text);
    }
}

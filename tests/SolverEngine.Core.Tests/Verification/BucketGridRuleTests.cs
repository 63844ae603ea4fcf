using SolverEngine.Contracts.V1;
using SolverEngine.Core.Verification;
using static SolverEngine.Core.Tests.Verification.SamplePlan;

namespace SolverEngine.Core.Tests.Verification;

public class BucketGridRuleTests
{
    [Fact]
    public void Bucket_with_wrong_end_is_flagged()
    {
        var plan = Plan();
        plan.Buckets[1].End = At(2, 1);

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.BucketGridMismatch);
        Assert.Equal("buckets[1]", v.Path);
    }

    [Fact]
    public void Missing_bucket_is_flagged()
    {
        var plan = Plan();
        plan.Buckets.RemoveAt(2);

        var v = Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.BucketGridMismatch);
        Assert.Equal("buckets", v.Path);
    }

    [Theory]
    [InlineData("WEEK", "SLUSHY")]
    [InlineData("DAY", "LIQUID")]
    public void Wrong_granularity_or_fence_is_flagged(string granularity, string fence)
    {
        var plan = Plan();
        plan.Buckets[1].Granularity = granularity;
        plan.Buckets[1].Fence = fence;

        Assertions.Single(PlanVerifier.Verify(Model(), plan), ViolationCodes.BucketGridMismatch);
    }

    [Fact]
    public void Month_buckets_run_to_the_same_day_next_month_clamped_and_weeks_are_seven_days()
    {
        // Jan 31 + 1 month = Feb 28 (clamped); Feb 28 + 1 month = Mar 28; then a 7-day week.
        var model = TinyModel.Create();
        model.Horizon.Start = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc));
        model.Horizon.Bands.Clear();
        model.Horizon.Bands.Add(new ResolutionBand { Granularity = Granularity.Month, Count = 2 });
        model.Horizon.Bands.Add(new ResolutionBand { Granularity = Granularity.Week, Count = 1 });
        var plan = new Plan();
        DateTime[] bounds = [new(2026, 1, 31), new(2026, 2, 28), new(2026, 3, 28), new(2026, 4, 4)];
        string[] granularities = ["MONTH", "MONTH", "WEEK"];
        for (var i = 0; i < 3; i++)
        {
            plan.Buckets.Add(new Bucket
            {
                Index = (uint)i, Granularity = granularities[i], Fence = "LIQUID",
                Start = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.SpecifyKind(bounds[i], DateTimeKind.Utc)),
                End = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.SpecifyKind(bounds[i + 1], DateTimeKind.Utc)),
            });
        }

        Assertions.Valid(PlanVerifier.Verify(model, plan));
        plan.Buckets[1].End = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc));
        Assert.Contains(PlanVerifier.Verify(model, plan).Violations, v => v.Code == ViolationCodes.BucketGridMismatch && v.Path == "buckets[1]");
    }
}

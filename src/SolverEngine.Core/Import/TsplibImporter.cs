using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using SolverEngine.Core.Import.Internal;

namespace SolverEngine.Core.Import;

/// <summary>
/// Maps an asymmetric TSP instance onto a <see cref="PlanningModel"/> whose optimal plan has a
/// changeover cost equal to the optimal tour length, so that the engine can be checked against
/// the published TSPLIB optima.
/// </summary>
/// <remarks>
/// The mapping, for an instance with n cities (TSPLIB numbers 1..n):
/// <list type="bullet">
/// <item>One site <c>S1</c>, one line <c>L1</c> running round the clock, one bucket (DAY when
/// everything fits in 24 hours, else WEEK) starting at <see cref="HorizonStart"/>.</item>
/// <item>n + 1 products: <c>c1</c>..<c>cn</c>, one per city, plus <c>c1-end</c>, a copy of city 1.
/// Each has one recipe on L1 (rate <see cref="RatePerHour"/> units/hour) and one MUST_MEET order
/// of 1 unit due in the bucket's last hour, so every product is run exactly once.</item>
/// <item>The line starts set up for <c>c1</c> (<c>initial_product_id</c>), so running c1 first
/// costs nothing. Every transition into c1 is forbidden, so c1 must run first; every transition
/// out of c1-end is forbidden, so c1-end must run last. Together they close the tour at city 1.</item>
/// <item>Line-specific product-pair rules: ci -> cj costs d(i, j) for i != j with j != 1, and
/// ci -> c1-end costs d(i, 1) for i != 1 (c1 -> c1-end is forbidden unless n = 1). Each rule
/// takes <see cref="ChangeoverHours"/> hours, small enough for the whole sequence to fit.</item>
/// </list>
/// A run order c1, c(π2), ..., c(πn), c1-end then costs d(1, π2) + ... + d(πn, 1): the tour length.
/// The diagonal of the TSPLIB matrix is never used.
/// </remarks>
public static class TsplibImporter
{
    /// <summary>Start of the single bucket (a Monday, UTC).</summary>
    public static readonly DateTime HorizonStart = ImportParts.HorizonStart;

    /// <summary>Hours of every changeover rule.</summary>
    public const double ChangeoverHours = 0.001;

    /// <summary>Production rate of every recipe, units per hour (one unit takes a minute).</summary>
    public const double RatePerHour = 60.0;

    /// <summary>Id of the product of 0-based city <paramref name="city"/> (TSPLIB city city + 1).</summary>
    public static string CityProductId(int city) => $"c{city + 1}";

    /// <summary>Id of the copy of city 1 that closes the tour.</summary>
    public const string ClosingProductId = "c1-end";

    /// <summary>Builds the planning model of <paramref name="instance"/>.</summary>
    /// <exception cref="ArgumentException">A distance is negative or not finite.</exception>
    public static PlanningModel Import(TsplibInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        int n = instance.Dimension;
        const string site = "S1", line = "L1";

        double hoursNeeded = (n + 1) / RatePerHour + n * ChangeoverHours;
        var granularity = hoursNeeded <= 24 ? Granularity.Day : Granularity.Week;
        if (hoursNeeded > 24 * 7)
        {
            throw new ArgumentException(
                $"Instance '{instance.Name}' has {n} cities: its {n + 1} runs need {hoursNeeded:F1} hours, more than one week bucket holds.",
                nameof(instance));
        }
        DateTime end = HorizonStart.AddDays(granularity == Granularity.Day ? 1 : 7);

        var model = new PlanningModel
        {
            Name = string.IsNullOrEmpty(instance.Name) ? "tsplib" : instance.Name,
            Horizon = ImportParts.OneBand(granularity, buckets: 1),
            Sites = { new Site { Id = site, Name = "TSPLIB site" } },
            Lines = { new Line { Id = line, SiteId = site, Name = "TSPLIB line", InitialProductId = CityProductId(0) } },
        };

        var productIds = Enumerable.Range(0, n).Select(CityProductId).Append(ClosingProductId).ToList();
        foreach (string id in productIds)
        {
            model.Products.Add(new Product { Id = id, Name = id, DemandPolicy = DemandPolicy.MustMeet });
            model.Recipes.Add(new Recipe { Id = "R-" + id, ProductId = id, LineId = line, Rate = RatePerHour });
            model.Orders.Add(new Order
            {
                Id = "O-" + id,
                Customer = "tour",
                ProductId = id,
                SiteId = site,
                Quantity = 1,
                // Buckets are half-open [start, end): the end itself lies outside the horizon.
                Due = Timestamp.FromDateTime(end.AddHours(-1)),
            });
        }

        // Nothing may go back to city 1, and nothing may follow its closing copy.
        model.Changeovers.Add(new Changeover { LineId = line, ToProductId = CityProductId(0), Forbidden = true });
        model.Changeovers.Add(new Changeover { LineId = line, FromProductId = ClosingProductId, Forbidden = true });
        for (int i = 0; i < n; i++)
        {
            for (int j = 1; j < n; j++)
            {
                if (i != j)
                {
                    model.Changeovers.Add(Rule(instance, line, i, CityProductId(j), instance.Distance(i, j)));
                }
            }
            if (i != 0)
            {
                model.Changeovers.Add(Rule(instance, line, i, ClosingProductId, instance.Distance(i, 0)));
            }
        }
        if (n == 1)
        {
            model.Changeovers.Add(new Changeover { LineId = line, FromProductId = CityProductId(0), ToProductId = ClosingProductId, Hours = ChangeoverHours });
        }
        else
        {
            model.Changeovers.Add(new Changeover { LineId = line, FromProductId = CityProductId(0), ToProductId = ClosingProductId, Forbidden = true });
        }
        return model;
    }

    private static Changeover Rule(TsplibInstance instance, string line, int from, string to, double distance)
    {
        if (!double.IsFinite(distance) || distance < 0)
        {
            throw new ArgumentException(
                $"Instance '{instance.Name}': the distance from city {from + 1} to {to} is {distance}; a changeover cost must be finite and >= 0.",
                nameof(instance));
        }
        return new Changeover { LineId = line, FromProductId = CityProductId(from), ToProductId = to, Hours = ChangeoverHours, Cost = distance };
    }
}

using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Transfers: known lane and product, product allowed on the lane, quantity &gt;= 0, departure in
/// the horizon, arrival = departure + lane lead time, and capacity_per_day on the units departing
/// per UTC calendar day (summed over products). A transfer is one shipment at its departure time,
/// so coarse buckets must spread volume over days. Adds transport cost (quantity x cost_per_unit).
/// </summary>
internal sealed class LaneCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var perDay = new Dictionary<(string Lane, DateTime Day), (double Quantity, List<int> Transfers)>();
        for (var i = 0; i < ctx.Plan.Transfers.Count; i++)
        {
            var t = ctx.Plan.Transfers[i];
            var path = $"transfers[{i}]";
            if (!ctx.Lanes.TryGetValue(t.LaneId, out var lane))
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".lane_id", $"Transfer {i} uses lane '{t.LaneId}', which the model does not have.");
                continue;
            }

            if (!ctx.Products.ContainsKey(t.ProductId))
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".product_id", $"Transfer {i} moves product '{t.ProductId}', which the model does not have.");
                continue;
            }

            var desc = $"Transfer {i} ({Q(t.Quantity)} of '{t.ProductId}' on lane '{lane.Id}' {lane.FromSiteId} -> {lane.ToSiteId})";
            if (lane.ProductIds.Count > 0 && !lane.ProductIds.Contains(t.ProductId))
            {
                ctx.Add(ViolationCodes.LaneProductNotAllowed, path + ".product_id",
                    $"{desc}: lane '{lane.Id}' carries only {string.Join(", ", lane.ProductIds)}.");
            }

            if (Tolerance.Negative(t.Quantity))
            {
                ctx.Add(ViolationCodes.NegativeQuantity, path + ".quantity", $"{desc} has a negative quantity.");
            }

            var departure = VerificationContext.Time(t.Departure);
            if (!ctx.Grid.InHorizon(departure))
            {
                ctx.Add(ViolationCodes.OutsideHorizon, path + ".departure",
                    $"{desc} departs at {T(departure)}, outside the horizon [{T(ctx.Grid.Start)}, {T(ctx.Grid.End)}).");
            }

            var expected = departure == DateTime.MinValue ? departure : departure + (lane.LeadTime?.ToTimeSpan() ?? TimeSpan.Zero);
            var arrival = VerificationContext.Time(t.Arrival);
            if (!Tolerance.TimeEq(arrival, expected))
            {
                ctx.Add(ViolationCodes.TransferArrivalMismatch, path + ".arrival",
                    $"{desc} arrives at {T(arrival)}; departure {T(departure)} + lead time gives {T(expected)}.");
            }

            ctx.Costs.Transport += t.Quantity * lane.CostPerUnit;
            var key = (lane.Id, departure.Date);
            var (sum, list) = perDay.GetValueOrDefault(key, (0.0, new List<int>()));
            list.Add(i);
            perDay[key] = (sum + t.Quantity, list);
        }

        foreach (var ((laneId, day), (quantity, list)) in perDay)
        {
            var lane = ctx.Lanes[laneId];
            if (lane.HasCapacityPerDay && !Tolerance.Le(quantity, lane.CapacityPerDay))
            {
                ctx.Add(ViolationCodes.LaneCapacityExceeded, $"transfers[{list[0]}]",
                    $"{Q(quantity)} units depart on lane '{laneId}' on {day:yyyy-MM-dd} (transfers {string.Join(", ", list)}); capacity_per_day is {Q(lane.CapacityPerDay)}.");
            }
        }
    }
}

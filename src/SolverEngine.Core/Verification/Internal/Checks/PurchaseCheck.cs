using static SolverEngine.Core.Verification.Internal.Format;

namespace SolverEngine.Core.Verification.Internal.Checks;

/// <summary>
/// Purchases: known material and site, material purchasable, quantity &gt;= 0, order_time in the
/// horizon, arrival = order_time + the material's lead time, and max_purchase_per_day per
/// (material, site, UTC calendar day of order_time). Adds purchasing cost. Supplies are sunk and
/// enter the inventory balance only. Material stock itself is checked by the inventory check.
/// </summary>
internal sealed class PurchaseCheck : IPlanCheck
{
    public void Check(VerificationContext ctx)
    {
        var perDay = new Dictionary<(string Material, string Site, DateTime Day), (double Quantity, List<int> Purchases)>();
        for (var i = 0; i < ctx.Plan.Purchases.Count; i++)
        {
            var p = ctx.Plan.Purchases[i];
            var path = $"purchases[{i}]";
            if (!ctx.Materials.TryGetValue(p.MaterialId, out var material))
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".material_id", $"Purchase {i} buys material '{p.MaterialId}', which the model does not have.");
                continue;
            }

            if (!ctx.Sites.ContainsKey(p.SiteId))
            {
                ctx.Add(ViolationCodes.UnknownReference, path + ".site_id", $"Purchase {i} delivers to site '{p.SiteId}', which the model does not have.");
                continue;
            }

            var desc = $"Purchase {i} ({Q(p.Quantity)} of '{p.MaterialId}' to site '{p.SiteId}')";
            if (!material.Purchasable)
            {
                ctx.Add(ViolationCodes.PurchaseNotAllowed, path, $"{desc}: material '{material.Id}' is not purchasable (only its supplies arrive).");
            }

            if (Tolerance.Negative(p.Quantity))
            {
                ctx.Add(ViolationCodes.NegativeQuantity, path + ".quantity", $"{desc} has a negative quantity.");
            }

            var ordered = VerificationContext.Time(p.OrderTime);
            if (!ctx.Grid.InHorizon(ordered))
            {
                ctx.Add(ViolationCodes.OutsideHorizon, path + ".order_time",
                    $"{desc} is ordered at {T(ordered)}, outside the horizon [{T(ctx.Grid.Start)}, {T(ctx.Grid.End)}).");
            }

            var expected = ordered == DateTime.MinValue ? ordered : ordered + (material.LeadTime?.ToTimeSpan() ?? TimeSpan.Zero);
            var arrival = VerificationContext.Time(p.Arrival);
            if (!Tolerance.TimeEq(arrival, expected))
            {
                ctx.Add(ViolationCodes.PurchaseArrivalMismatch, path + ".arrival",
                    $"{desc} arrives at {T(arrival)}; order_time {T(ordered)} + lead time gives {T(expected)}.");
            }

            ctx.Costs.Purchasing += p.Quantity * material.PurchaseCost;
            var key = (material.Id, p.SiteId, ordered.Date);
            var (sum, list) = perDay.GetValueOrDefault(key, (0.0, new List<int>()));
            list.Add(i);
            perDay[key] = (sum + p.Quantity, list);
        }

        foreach (var ((materialId, siteId, day), (quantity, list)) in perDay)
        {
            var material = ctx.Materials[materialId];
            if (material.HasMaxPurchasePerDay && !Tolerance.Le(quantity, material.MaxPurchasePerDay))
            {
                ctx.Add(ViolationCodes.PurchaseLimitExceeded, $"purchases[{list[0]}]",
                    $"{Q(quantity)} units of '{materialId}' are bought for site '{siteId}' on {day:yyyy-MM-dd} (purchases {string.Join(", ", list)}); max_purchase_per_day is {Q(material.MaxPurchasePerDay)}.");
            }
        }
    }
}

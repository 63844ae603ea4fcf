using SolverEngine.Contracts.V1;

namespace SolverEngine.Core.Views;

/// <summary>
/// One period of a view: a calendar day, an ISO week (Monday 00:00 UTC) or a calendar month,
/// clipped to the horizon (the first and last periods may be partial).
/// </summary>
/// <param name="Index">Position in <see cref="PlanViewTable.Periods"/>, from 0.</param>
/// <param name="Label">"2026-03-02", "2026-W10" (ISO week-numbering year) or "2026-03".</param>
public sealed record ViewPeriod(int Index, DateTime Start, DateTime End, string Label)
{
    public double Hours => (End - Start).TotalHours;
}

/// <summary>A line's load in one period.</summary>
/// <param name="AvailableHours">Working hours of the line's calendar in the period, downtime excluded.</param>
/// <param name="ProductionHours">Hours the runs need (quantity / (rate x yield)), by where their working time falls.</param>
/// <param name="ChangeoverHours">Changeover hours, by where the changeover's working time falls.</param>
/// <param name="Utilisation">(production + changeover) / available; 0 when nothing is available.</param>
public sealed record LinePeriodRow(int Period, string SiteId, string LineId, double AvailableHours, double ProductionHours,
    double ChangeoverHours, double Utilisation);

/// <summary>What one line makes of one product in one period (rows only where something happens).</summary>
/// <param name="ChangeoverHours">Hours of the changeovers into this product.</param>
public sealed record LineProductPeriodRow(int Period, string SiteId, string LineId, string ProductId, double Production,
    double ProductionHours, double ChangeoverHours);

/// <summary>The balance of one product at one site in one period.</summary>
/// <param name="Production">Good output of the site's lines (all lines of the site, also under a line filter).</param>
/// <param name="Demand">max(forecast, orders) per plan bucket, pro rata in the period (initial backlog is not demand of a period; it opens the backlog).</param>
/// <param name="Delivered">Deliveries whose time lies in the period.</param>
/// <param name="Inventory">Site stock at the period's end (tank contents excluded).</param>
/// <param name="Backlog">Demand due and not delivered at the period's end, initial backlog included (BACKLOG products; 0 for the others).</param>
public sealed record SiteProductPeriodRow(int Period, string SiteId, string ProductId, double Production, double Demand,
    double Delivered, double Inventory, double Backlog);

/// <summary>A plan summed to one granularity; <see cref="PlanViews.Build(PlanningModel, Plan, Granularity, string?, string?)"/> makes it.</summary>
public sealed class PlanViewTable
{
    internal PlanViewTable(Granularity granularity, IReadOnlyList<ViewPeriod> periods, IReadOnlyList<LinePeriodRow> lines,
        IReadOnlyList<LineProductPeriodRow> lineProducts, IReadOnlyList<SiteProductPeriodRow> siteProducts)
    {
        Granularity = granularity;
        Periods = periods;
        Lines = lines;
        LineProducts = lineProducts;
        SiteProducts = siteProducts;
    }

    public Granularity Granularity { get; }

    /// <summary>The periods covering the horizon, in time order.</summary>
    public IReadOnlyList<ViewPeriod> Periods { get; }

    /// <summary>Every line in scope x every period, ordered by period, site, line.</summary>
    public IReadOnlyList<LinePeriodRow> Lines { get; }

    /// <summary>Line x product x period where production or changeover hours are not zero.</summary>
    public IReadOnlyList<LineProductPeriodRow> LineProducts { get; }

    /// <summary>Every (site, product) in scope with any stock, flow or demand x every period.</summary>
    public IReadOnlyList<SiteProductPeriodRow> SiteProducts { get; }

    /// <summary>
    /// The wire form: per period, the site+product rows (line empty), then per line its row
    /// (product empty) followed by its line+product rows.
    /// </summary>
    public PlanView ToProto()
    {
        var view = new PlanView { Granularity = Granularity };
        var sites = SiteProducts.ToLookup(r => r.Period);
        var lines = Lines.ToLookup(r => r.Period);
        var lineProducts = LineProducts.ToLookup(r => (r.Period, r.LineId));
        foreach (var period in Periods)
        {
            var start = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(period.Start);
            var end = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(period.End);
            foreach (var s in sites[period.Index])
            {
                view.Rows.Add(new PlanViewRow
                {
                    Start = start, End = end, SiteId = s.SiteId, ProductId = s.ProductId, Production = s.Production,
                    Demand = s.Demand, Delivered = s.Delivered, Inventory = s.Inventory, Backlog = s.Backlog,
                });
            }
            foreach (var l in lines[period.Index])
            {
                view.Rows.Add(new PlanViewRow
                {
                    Start = start, End = end, SiteId = l.SiteId, LineId = l.LineId, AvailableHours = l.AvailableHours,
                    ProductionHours = l.ProductionHours, ChangeoverHours = l.ChangeoverHours, Utilisation = l.Utilisation,
                });
                foreach (var lp in lineProducts[(period.Index, l.LineId)])
                {
                    view.Rows.Add(new PlanViewRow
                    {
                        Start = start, End = end, SiteId = lp.SiteId, LineId = lp.LineId, ProductId = lp.ProductId,
                        Production = lp.Production, ProductionHours = lp.ProductionHours, ChangeoverHours = lp.ChangeoverHours,
                    });
                }
            }
        }
        return view;
    }
}

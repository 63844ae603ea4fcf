using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using SolverEngine.Contracts.V1;
using Calendar = SolverEngine.Contracts.V1.Calendar;

namespace SolverEngine.Core.Generation.Internal;

/// <summary>
/// One generation: draws every entity from one random stream in a fixed order and writes the model.
/// Only lists and arrays (never dictionary iteration), only +, -, *, / and rounding on doubles,
/// invariant culture: the output depends on (profile, seed) alone.
/// </summary>
internal sealed class GeneratorRun
{
    private static readonly DateTime HorizonStart = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    // Site holidays to draw from (full days); those outside the horizon are skipped.
    private static readonly DateTime[] HolidayCandidates =
    [
        Day(2026, 1, 14), Day(2026, 2, 16), Day(2026, 4, 3), Day(2026, 4, 6), Day(2026, 5, 1),
        Day(2026, 5, 25), Day(2026, 8, 14), Day(2026, 10, 2), Day(2026, 12, 24), Day(2026, 12, 25),
        Day(2026, 12, 31), Day(2027, 1, 1), Day(2027, 3, 26), Day(2027, 5, 3),
    ];

    private const double MixerUtilisation = 0.75;

    private readonly InstanceProfile _profile;
    private readonly Xoshiro256 _rng;
    private readonly PlanningModel _model = new();
    private readonly List<Bucket> _buckets = [];
    private readonly List<FamilyInfo> _families = [];
    private readonly List<LineInfo> _lines = [];
    private readonly List<ProductInfo> _products = [];
    private readonly List<MaterialInfo> _materials = [];
    private readonly List<(int From, int To)> _lanes = [];
    private double[,] _familyHours = new double[0, 0];
    private double[,] _familyCost = new double[0, 0];
    private DateTime _horizonEnd;

    public GeneratorRun(InstanceProfile profile, int seed)
    {
        _profile = profile;
        _rng = new Xoshiro256(seed);
    }

    public GeneratedInstance Run()
    {
        BuildHorizon();
        BuildFamilies();
        BuildSitesAndLanes();
        BuildLines();
        BuildFinishedProducts();
        SizeDemand();
        BuildIntermediates();
        BuildMaterials();
        BuildSharedAssets();
        BuildLineChangeoverRules();
        WriteModel();
        return new GeneratedInstance(_model, _profile, MeasureLoads());
    }

    // ---------------------------------------------------------------- time

    private void BuildHorizon()
    {
        var t = HorizonStart;
        var horizon = new Horizon { Start = At(HorizonStart) };
        AddBand(Granularity.Day, _profile.DayBuckets);
        AddBand(Granularity.Week, _profile.WeekBuckets);
        AddBand(Granularity.Month, _profile.MonthBuckets);
        _horizonEnd = t;
        _model.Horizon = horizon;
        _model.Name = $"generated {_profile.Size} ({_profile.Sites} sites, {_profile.Lines} lines, {_profile.Products} products)";

        void AddBand(Granularity g, int count)
        {
            if (count == 0)
            {
                return;
            }
            horizon.Bands.Add(new ResolutionBand { Granularity = g, Count = (uint)count });
            for (var i = 0; i < count; i++)
            {
                var end = g switch
                {
                    Granularity.Day => t.AddDays(1),
                    Granularity.Week => t.AddDays(7),
                    _ => t.AddMonths(1),
                };
                _buckets.Add(new Bucket(t, end, g));
                t = end;
            }
        }
    }

    // ---------------------------------------------------------------- families and changeover matrix

    private void BuildFamilies()
    {
        for (var f = 0; f < _profile.Families; f++)
        {
            // Darkness level 0..3: going from a darker family to a lighter one needs more cleaning.
            _families.Add(new FamilyInfo("F" + Num(f + 1, 2), _rng.NextInt(0, 3), Intermediate: false));
        }
        for (var b = 0; b < _profile.IntermediatesPerSite; b++)
        {
            _families.Add(new FamilyInfo("BASE-" + (char)('A' + b), 0, Intermediate: true));
        }
        var n = _families.Count;
        _familyHours = new double[n, n];
        _familyCost = new double[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                if (_families[a].Intermediate != _families[b].Intermediate)
                {
                    continue; // never on the same line
                }
                var hours = a == b
                    ? Round(_rng.Uniform(0.5, 1.5), 2)
                    : Round(_rng.Uniform(1.5, 3.5) + 1.0 * Math.Max(0, _families[a].Level - _families[b].Level), 2);
                _familyHours[a, b] = hours;
                _familyCost[a, b] = Round(hours * _rng.Uniform(150, 300), 0);
            }
        }
    }

    // ---------------------------------------------------------------- network

    private void BuildSitesAndLanes()
    {
        var n = _profile.Sites;
        if (n <= 1)
        {
            return;
        }
        if (n <= InstanceProfile.FullMeshMaxSites)
        {
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    if (a != b)
                    {
                        _lanes.Add((a, b));
                    }
                }
            }
        }
        else
        {
            for (var a = 0; a < n; a++)
            {
                foreach (var step in new[] { 1, 2 })
                {
                    var b = (a + step) % n;
                    _lanes.Add((a, b));
                    _lanes.Add((b, a));
                }
            }
        }
    }

    private void BuildLines()
    {
        var finishedFamilies = Enumerable.Range(0, _profile.Families).ToList();
        for (var s = 0; s < _profile.Sites; s++)
        {
            var holidays = new List<DateTime>();
            foreach (var h in HolidayCandidates)
            {
                if (_rng.Chance(0.5) && h >= HorizonStart && h.AddDays(1) <= _horizonEnd)
                {
                    holidays.Add(h);
                }
            }
            var fillingIndex = 0;
            for (var k = 0; k < _profile.LinesPerSite; k++)
            {
                var mixing = _profile.IntermediatesPerSite > 0 && k == 0;
                var index = _lines.Count;
                var line = new LineInfo
                {
                    Index = index,
                    Id = "L" + Num(index + 1, 2),
                    Site = s,
                    Mixing = mixing,
                    Name = mixing ? $"{SiteId(s)} mixer" : $"{SiteId(s)} filler {++fillingIndex}",
                    Utilisation = mixing ? MixerUtilisation : Round(_rng.Uniform(0.80, 0.90), 3),
                    Calendar = NewCalendar(mixing, holidays),
                };
                if (!mixing)
                {
                    // Each filling line runs 2-4 families (at most all of them).
                    var shuffled = new List<int>(finishedFamilies);
                    _rng.Shuffle(shuffled);
                    var count = Math.Min(_profile.Families, _rng.NextInt(2, 4));
                    line.Families.AddRange(shuffled.Take(count).Order());
                }
                _lines.Add(line);
            }
        }
        foreach (var line in _lines)
        {
            line.Available = new double[_buckets.Count];
            for (var b = 0; b < _buckets.Count; b++)
            {
                line.Available[b] = WorkingTime.Hours(line.Calendar, _buckets[b].Start, _buckets[b].End);
            }
        }
    }

    private Calendar NewCalendar(bool mixing, List<DateTime> holidays)
    {
        var calendar = new Calendar();
        var kind = mixing ? 0 : _rng.NextInt(4); // 0,1: round the clock; 2: 5.5 days; 3: two shifts on weekdays
        if (kind == 2)
        {
            calendar.WeekdayHours.Add([24, 24, 24, 24, 24, 8, 0]);
        }
        else if (kind == 3)
        {
            calendar.HoursPerDay = 16;
            calendar.ShiftStart = Duration.FromTimeSpan(TimeSpan.FromHours(6));
            calendar.WeekdayHours.Add([16, 16, 16, 16, 16, 0, 0]);
        }
        var downtimes = new List<(DateTime Start, DateTime End, string Reason)>();
        foreach (var h in holidays)
        {
            downtimes.Add((h, h.AddDays(1), "holiday"));
        }
        // Maintenance every 4-6 weeks, 8 or 12 hours from 06:00, never on a holiday.
        for (var day = HorizonStart.AddDays(_rng.NextInt(3, 20)); day.AddDays(1) <= _horizonEnd; day = day.AddDays(_rng.NextInt(28, 42)))
        {
            var d = day;
            while (holidays.Contains(d))
            {
                d = d.AddDays(1);
            }
            var start = d.AddHours(6);
            downtimes.Add((start, start.AddHours(_rng.Chance(0.5) ? 8 : 12), "maintenance"));
        }
        downtimes.Sort((x, y) => x.Start.CompareTo(y.Start));
        foreach (var (start, end, reason) in downtimes)
        {
            calendar.Downtimes.Add(new Downtime { Start = At(start), End = At(end), Reason = reason });
        }
        return calendar;
    }

    // ---------------------------------------------------------------- products and recipes

    private void BuildFinishedProducts()
    {
        var finished = _profile.FinishedProducts;
        var perSiteCount = new int[_profile.Sites];
        for (var k = 0; k < finished; k++)
        {
            var site = k % _profile.Sites;
            var filling = FillingLines(site);
            var primary = filling[perSiteCount[site]++ % filling.Count];
            var family = primary.Families[_rng.NextInt(primary.Families.Count)];
            var unitValue = Round(_rng.Uniform(2, 50), 2);
            var price = Round(unitValue * _rng.Uniform(1.3, 1.8), 2);
            var product = new ProductInfo
            {
                Index = k,
                Id = "P" + Num(k + 1, 3),
                Site = site,
                Family = family,
                Primary = primary.Index,
                Rate = Round(_rng.Uniform(80, 600), 0),
                Yield = _rng.Chance(0.3) ? Round(_rng.Uniform(0.95, 0.995), 3) : 1.0,
                UnitValue = unitValue,
                Price = price,
                Weight = 0.3 + 2.7 * Square(_rng.NextDouble()),
                SeasonAmplitude = Round(_rng.Uniform(0, 0.25), 3),
                SeasonPhase = _rng.NextDouble(),
                LostSales = _rng.Chance(0.1),
                SafetyDays = _rng.Chance(0.4) ? _rng.NextInt(2, 5) : 0,
            };
            primary.Products.Add(k);
            if (_profile.IntermediatesPerSite > 0 && _rng.Chance(0.5))
            {
                product.IntermediateSlot = _rng.NextInt(_profile.IntermediatesPerSite);
                product.IntermediatePerUnit = Round(_rng.Uniform(0.3, 1.0), 2);
            }
            var materialCount = _rng.NextInt(1, 2);
            var first = _rng.NextInt(_profile.Materials);
            product.Materials.Add((first, 1.0));
            if (materialCount == 2 && _profile.Materials > 1)
            {
                var second = (first + 1 + _rng.NextInt(_profile.Materials - 1)) % _profile.Materials;
                product.Materials.Add((second, Round(_rng.Uniform(0.05, 0.5), 3)));
            }
            // A second demand site, reached by a direct lane from home.
            if (_lanes.Count > 0 && _rng.Chance(0.3))
            {
                var outgoing = _lanes.Where(l => l.From == site).ToList();
                product.SecondSite = outgoing[_rng.NextInt(outgoing.Count)].To;
            }
            // An alternate line: another filler at home, or (without intermediates) a filler next door.
            if (filling.Count > 1 && _rng.Chance(0.25))
            {
                var others = filling.Where(l => l.Index != primary.Index).ToList();
                product.Alternate = others[_rng.NextInt(others.Count)].Index;
            }
            else if (product.IntermediateSlot < 0 && product.SecondSite >= 0 && _rng.Chance(0.3))
            {
                var there = FillingLines(product.SecondSite);
                product.Alternate = there[_rng.NextInt(there.Count)].Index;
            }
            if (product.Alternate >= 0)
            {
                _lines[product.Alternate].AlternateProducts.Add(k);
            }
            _products.Add(product);
        }
        foreach (var line in _lines.Where(l => !l.Mixing))
        {
            // Families the line actually runs (alternates may bring others).
            line.Families.Clear();
            foreach (var p in line.Products.Concat(line.AlternateProducts))
            {
                if (!line.Families.Contains(_products[p].Family))
                {
                    line.Families.Add(_products[p].Family);
                }
            }
            line.Families.Sort();
            if (line.Products.Count > 0)
            {
                line.InitialProduct = line.Products[_rng.NextInt(line.Products.Count)];
            }
        }
    }

    private List<LineInfo> FillingLines(int site) => _lines.Where(l => l.Site == site && !l.Mixing).ToList();

    private void SizeDemand()
    {
        foreach (var p in _products)
        {
            p.Demand = new double[_buckets.Count];
        }
        var shape = new double[_products.Count, _buckets.Count];
        for (var b = 0; b < _buckets.Count; b++)
        {
            var bucket = _buckets[b];
            var mid = (bucket.Start - HorizonStart).TotalDays + (bucket.End - bucket.Start).TotalDays / 2;
            foreach (var p in _products)
            {
                var season = 1 + p.SeasonAmplitude * Triangle(mid / 364.0 + p.SeasonPhase);
                shape[p.Index, b] = p.Weight * season * _rng.Uniform(0.85, 1.15) * (bucket.End - bucket.Start).TotalDays;
            }
        }
        foreach (var line in _lines.Where(l => !l.Mixing && l.Products.Count > 0))
        {
            for (var b = 0; b < _buckets.Count; b++)
            {
                var bucket = _buckets[b];
                double targetHours;
                if (bucket.Granularity == Granularity.Day)
                {
                    // Daily demand follows the week's average capacity, not the day's: weekends and
                    // holidays are covered by stock built ahead.
                    var monday = bucket.Start.AddDays(-(((int)bucket.Start.DayOfWeek + 6) % 7));
                    targetHours = line.Utilisation * WorkingTime.Hours(line.Calendar, monday, monday.AddDays(7)) / 7.0;
                }
                else
                {
                    targetHours = line.Utilisation * line.Available[b];
                }
                var shapeHours = 0.0;
                foreach (var k in line.Products)
                {
                    shapeHours += shape[k, b] * HoursPerUnit(_products[k]);
                }
                if (shapeHours <= 0 || targetHours <= 0)
                {
                    continue;
                }
                var scale = targetHours / shapeHours;
                foreach (var k in line.Products)
                {
                    // Rounded down, so the naive load never exceeds the target.
                    _products[k].Demand[b] = Math.Floor(shape[k, b] * scale);
                }
            }
        }
    }

    private void BuildIntermediates()
    {
        if (_profile.IntermediatesPerSite == 0)
        {
            return;
        }
        var next = _profile.FinishedProducts;
        for (var s = 0; s < _profile.Sites; s++)
        {
            var mixer = _lines.Single(l => l.Site == s && l.Mixing);
            var totalNeed = 0.0;
            var first = _products.Count;
            for (var slot = 0; slot < _profile.IntermediatesPerSite; slot++)
            {
                var family = _profile.Families + slot;
                var intermediate = new ProductInfo
                {
                    Index = next,
                    Id = "P" + Num(next + 1, 3),
                    Site = s,
                    Family = family,
                    Primary = mixer.Index,
                    Intermediate = true,
                    UnitValue = Round(_rng.Uniform(0.5, 3), 2),
                    Yield = 1.0,
                    Demand = new double[_buckets.Count],
                };
                next++;
                intermediate.Materials.Add((_rng.NextInt(_profile.Materials), Round(_rng.Uniform(0.8, 1.2), 3)));
                foreach (var p in _products.Where(p => !p.Intermediate && p.Site == s && p.IntermediateSlot == slot))
                {
                    p.IntermediateProduct = intermediate.Index;
                    for (var b = 0; b < _buckets.Count; b++)
                    {
                        // Made where it is produced: the primary line is at the home site.
                        intermediate.Demand[b] += p.Demand[b] / p.Yield * p.IntermediatePerUnit;
                    }
                }
                totalNeed += Total(intermediate.Demand);
                mixer.Products.Add(intermediate.Index);
                _products.Add(intermediate);
            }
            var mixerHours = Total(mixer.Available) * MixerUtilisation;
            var baseRate = totalNeed > 0 && mixerHours > 0 ? totalNeed / mixerHours : 100;
            for (var i = first; i < _products.Count; i++)
            {
                var p = _products[i];
                p.Rate = Math.Max(1, Round(baseRate * _rng.Uniform(0.9, 1.1), 1));
                var perDay = Total(p.Demand) / (_horizonEnd - HorizonStart).TotalDays;
                p.TankCapacity = Math.Max(100, Math.Round(3 * perDay / 100, MidpointRounding.AwayFromZero) * 100);
                p.TankId = "T" + Num(s * _profile.IntermediatesPerSite + (i - first) + 1, 2);
            }
            mixer.InitialProduct = _rng.Chance(0.5) ? first : -1;
            mixer.Families.AddRange(Enumerable.Range(_profile.Families, _profile.IntermediatesPerSite));
        }
    }

    // ---------------------------------------------------------------- materials and supplies

    private void BuildMaterials()
    {
        for (var m = 0; m < _profile.Materials; m++)
        {
            var purchasable = _rng.Chance(0.6);
            _materials.Add(new MaterialInfo
            {
                Id = "M" + Num(m + 1, 3),
                Purchasable = purchasable,
                LeadDays = purchasable ? _rng.NextInt(2, 21) : 0,
                Cost = Round(_rng.Uniform(0.1, 5), 2),
                Need = new double[_profile.Sites, _buckets.Count],
            });
        }
        foreach (var p in _products)
        {
            var site = _lines[p.Primary].Site;
            // An alternate line at another site gets material for a fifth of the product's volume,
            // so that the alternate recipe can really run there.
            var altSite = p.Alternate >= 0 && _lines[p.Alternate].Site != site ? _lines[p.Alternate].Site : -1;
            foreach (var (m, perUnit) in p.Materials)
            {
                for (var b = 0; b < _buckets.Count; b++)
                {
                    _materials[m].Need[site, b] += p.Demand[b] / p.Yield * perUnit;
                    if (altSite >= 0)
                    {
                        _materials[m].Need[altSite, b] += 0.2 * p.Demand[b] / p.Yield * perUnit;
                    }
                }
            }
        }
    }

    private void BuildSharedAssets()
    {
        for (var s = 0; s < _profile.Sites; s++)
        {
            var filling = FillingLines(s);
            if (filling.Count < 2)
            {
                continue;
            }
            foreach (var line in filling)
            {
                foreach (var k in line.Products)
                {
                    if (_rng.Chance(0.25))
                    {
                        _products[k].UsesAsset = true;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- line-specific changeover rules

    private void BuildLineChangeoverRules()
    {
        foreach (var line in _lines.Where(l => !l.Mixing))
        {
            // Forbid dark -> light transitions only while the family graph stays strongly connected,
            // so every product of the line stays reachable from every other.
            var fams = line.Families;
            var wanted = fams.Count >= 4 ? 2 : fams.Count == 3 ? 1 : 0;
            var candidates = new List<(int A, int B)>();
            foreach (var a in fams)
            {
                foreach (var b in fams)
                {
                    if (a != b && _families[a].Level > _families[b].Level)
                    {
                        candidates.Add((a, b));
                    }
                }
            }
            _rng.Shuffle(candidates);
            foreach (var c in candidates)
            {
                if (line.Forbidden.Count >= wanted)
                {
                    break;
                }
                line.Forbidden.Add(c);
                if (!StronglyConnected(fams, line.Forbidden))
                {
                    line.Forbidden.RemoveAt(line.Forbidden.Count - 1);
                }
            }
            // Now and then a product pair that changes over faster than its families say.
            var runs = line.Products.Concat(line.AlternateProducts).ToList();
            if (runs.Count >= 2 && _rng.Chance(0.3))
            {
                var x = runs[_rng.NextInt(runs.Count)];
                var y = runs[_rng.NextInt(runs.Count)];
                var fx = _products[x].Family;
                var fy = _products[y].Family;
                if (x != y && !line.Forbidden.Contains((fx, fy)))
                {
                    line.PairRules.Add((x, y, Round(_familyHours[fx, fy] * 0.5, 2), Round(_familyCost[fx, fy] * 0.5, 0)));
                }
            }
        }
    }

    private static bool StronglyConnected(List<int> nodes, List<(int A, int B)> forbidden)
    {
        foreach (var root in nodes)
        {
            var seen = new List<int> { root };
            var stack = new Stack<int>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var a = stack.Pop();
                foreach (var b in nodes)
                {
                    if (!seen.Contains(b) && !forbidden.Contains((a, b)))
                    {
                        seen.Add(b);
                        stack.Push(b);
                    }
                }
            }
            if (seen.Count != nodes.Count)
            {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- writing the model

    private void WriteModel()
    {
        for (var s = 0; s < _profile.Sites; s++)
        {
            var site = new Site { Id = SiteId(s), Name = "Plant " + (s + 1).ToString(CultureInfo.InvariantCulture) };
            _model.Sites.Add(site);
        }
        foreach (var line in _lines)
        {
            _model.Lines.Add(new Line
            {
                Id = line.Id,
                SiteId = SiteId(line.Site),
                Name = line.Name,
                InitialProductId = line.InitialProduct >= 0 ? _products[line.InitialProduct].Id : "",
                Calendar = line.Calendar,
            });
        }
        WriteProducts();
        WriteRecipes();
        WriteChangeovers();
        WriteMaterialsAndSupplies();
        WriteTanksAssetsLanes();
        WriteDemand();
    }

    private void WriteProducts()
    {
        foreach (var p in _products)
        {
            var product = new Product
            {
                Id = p.Id,
                Name = p.Intermediate ? $"Base {_families[p.Family].Id[5..]} at {SiteId(p.Site)}" : $"Product {p.Index + 1}",
                Family = _families[p.Family].Id,
                UnitValue = p.UnitValue,
                HoldingCost = Round(p.UnitValue * 0.25 / 365, 5),
                Intermediate = p.Intermediate,
                Unit = p.Intermediate ? "kg" : "case",
            };
            if (!p.Intermediate)
            {
                product.Price = p.Price;
                product.BacklogCost = Round(p.Price * 0.02, 4);
                product.LostSaleCost = p.Price;
                product.DemandPolicy = p.LostSales ? DemandPolicy.LostSales : DemandPolicy.Backlog;
                if (p.SafetyDays > 0)
                {
                    product.SafetyStock = Math.Round(p.SafetyDays * AverageDailyDemand(p));
                    product.SafetyStockCost = Round(product.HoldingCost * 2, 5);
                }
            }
            _model.Products.Add(product);
        }
    }

    private void WriteRecipes()
    {
        foreach (var p in _products)
        {
            _model.Recipes.Add(NewRecipe(p, _lines[p.Primary], p.Rate));
        }
        foreach (var p in _products.Where(p => p.Alternate >= 0))
        {
            _model.Recipes.Add(NewRecipe(p, _lines[p.Alternate], Round(p.Rate * 0.8, 0)));
        }
    }

    private Recipe NewRecipe(ProductInfo p, LineInfo line, double rate)
    {
        var recipe = new Recipe
        {
            Id = "R-" + p.Id + "-" + line.Id,
            ProductId = p.Id,
            LineId = line.Id,
            Rate = rate,
            VariableCost = Round(p.UnitValue * _rng.Uniform(0.2, 0.4), 3),
        };
        if (p.Yield < 1)
        {
            recipe.Yield = p.Yield;
        }
        if (_rng.Chance(0.15))
        {
            recipe.BatchSize = Math.Max(10, Round(rate * 0.5 / 10, 0) * 10);
        }
        if (_rng.Chance(0.5))
        {
            var min = Round(rate * _rng.Uniform(2, 6), 0);
            recipe.MinRunQuantity = recipe.BatchSize > 0 ? Math.Ceiling(min / recipe.BatchSize) * recipe.BatchSize : min;
        }
        foreach (var (m, perUnit) in p.Materials)
        {
            recipe.Inputs.Add(new RecipeInput { MaterialId = _materials[m].Id, QuantityPerUnit = perUnit });
        }
        if (p.Intermediate)
        {
            recipe.OutputTankId = p.TankId;
        }
        else if (p.IntermediateProduct >= 0 && _lines[p.Primary].Site == line.Site)
        {
            var intermediate = _products[p.IntermediateProduct];
            recipe.Inputs.Add(new RecipeInput { ProductId = intermediate.Id, QuantityPerUnit = p.IntermediatePerUnit });
            recipe.InputTankId = intermediate.TankId;
        }
        if (p.UsesAsset && line.Site == p.Site)
        {
            recipe.AssetIds.Add(AssetId(line.Site));
        }
        return recipe;
    }

    private void WriteChangeovers()
    {
        for (var a = 0; a < _families.Count; a++)
        {
            for (var b = 0; b < _families.Count; b++)
            {
                if (_families[a].Intermediate != _families[b].Intermediate)
                {
                    continue;
                }
                _model.Changeovers.Add(new Changeover
                {
                    FromFamily = _families[a].Id,
                    ToFamily = _families[b].Id,
                    Hours = _familyHours[a, b],
                    Cost = _familyCost[a, b],
                });
            }
        }
        foreach (var line in _lines)
        {
            foreach (var (a, b) in line.Forbidden)
            {
                _model.Changeovers.Add(new Changeover { LineId = line.Id, FromFamily = _families[a].Id, ToFamily = _families[b].Id, Forbidden = true });
            }
            foreach (var (x, y, hours, cost) in line.PairRules)
            {
                _model.Changeovers.Add(new Changeover { LineId = line.Id, FromProductId = _products[x].Id, ToProductId = _products[y].Id, Hours = hours, Cost = cost });
            }
        }
    }

    private void WriteMaterialsAndSupplies()
    {
        foreach (var m in _materials)
        {
            var material = new Material
            {
                Id = m.Id,
                Name = "Material " + m.Id[1..],
                Unit = "pc",
                Purchasable = m.Purchasable,
                PurchaseCost = m.Cost,
                HoldingCost = Round(m.Cost * 0.2 / 365, 5),
            };
            if (m.Purchasable)
            {
                material.LeadTime = Duration.FromTimeSpan(TimeSpan.FromDays(m.LeadDays));
            }
            _model.Materials.Add(material);
        }
        for (var s = 0; s < _profile.Sites; s++)
        {
            foreach (var m in _materials)
            {
                if (TotalNeed(m, s) <= 0)
                {
                    continue;
                }
                if (m.Purchasable)
                {
                    // Enough stock to bridge the lead time and a week more, and one open order.
                    var cover = NeedBetween(m, s, HorizonStart, HorizonStart.AddDays(m.LeadDays + 7));
                    AddMaterialStock(m, s, Math.Ceiling(cover));
                    var weekly = NeedBetween(m, s, HorizonStart, HorizonStart.AddDays(7));
                    AddSupply(m, s, HorizonStart.AddDays(_rng.NextInt(3, 10)), Math.Ceiling(0.5 * weekly));
                }
                else
                {
                    // Not purchasable: scheduled receipts cover the whole horizon with 15% spare.
                    AddMaterialStock(m, s, Math.Ceiling(1.1 * NeedBetween(m, s, HorizonStart, HorizonStart.AddDays(7))));
                    var from = HorizonStart.AddDays(7);
                    while (from < _horizonEnd)
                    {
                        var bucket = _buckets.First(b => b.End > from);
                        var to = bucket.Granularity == Granularity.Day ? from.AddDays(7) : bucket.End;
                        var need = NeedBetween(m, s, from, to);
                        if (need > 0)
                        {
                            AddSupply(m, s, from, Math.Ceiling(1.15 * need));
                        }
                        from = to;
                    }
                }
            }
        }
    }

    private void AddMaterialStock(MaterialInfo m, int site, double quantity)
    {
        if (quantity > 0)
        {
            _model.InitialInventory.Add(new InitialInventory { SiteId = SiteId(site), MaterialId = m.Id, Quantity = quantity });
        }
    }

    private void AddSupply(MaterialInfo m, int site, DateTime arrival, double quantity)
    {
        if (quantity > 0)
        {
            _model.Supplies.Add(new Supply { MaterialId = m.Id, SiteId = SiteId(site), Quantity = quantity, Arrival = At(arrival) });
        }
    }

    private void WriteTanksAssetsLanes()
    {
        foreach (var p in _products.Where(p => p.Intermediate))
        {
            _model.Tanks.Add(new Tank
            {
                Id = p.TankId,
                SiteId = SiteId(p.Site),
                Capacity = p.TankCapacity,
                AllowedProductIds = { p.Id },
                CleanHours = 2,
                InitialProductId = p.Id,
                InitialLevel = Round(0.4 * p.TankCapacity, 0),
            });
        }
        for (var s = 0; s < _profile.Sites; s++)
        {
            if (_products.Any(p => p.UsesAsset && p.Site == s))
            {
                _model.SharedAssets.Add(new SharedAsset
                {
                    Id = AssetId(s),
                    SiteId = SiteId(s),
                    Name = SiteId(s) + " palletizer",
                    Capacity = FillingLines(s).Count >= 3 ? 2u : 1u,
                });
            }
        }
        foreach (var (from, to) in _lanes)
        {
            var lane = new Lane
            {
                Id = "LN-" + SiteId(from) + "-" + SiteId(to),
                FromSiteId = SiteId(from),
                ToSiteId = SiteId(to),
                LeadTime = Duration.FromTimeSpan(TimeSpan.FromDays(_rng.NextInt(1, 3))),
                CostPerUnit = Round(_rng.Uniform(0.05, 0.5), 3),
            };
            // Capacity: half again the busiest bucket's daily flow of the products that need the lane.
            var peak = 0.0;
            var shipped = _products.Where(p => p.Site == from && p.SecondSite == to).ToList();
            for (var b = 0; b < _buckets.Count; b++)
            {
                var flow = 0.0;
                foreach (var p in shipped)
                {
                    flow += SecondSiteShare * p.Demand[b];
                }
                peak = Math.Max(peak, flow / (_buckets[b].End - _buckets[b].Start).TotalDays);
            }
            if (peak > 0)
            {
                lane.CapacityPerDay = Math.Ceiling(1.5 * peak);
            }
            _model.Lanes.Add(lane);
        }
    }

    private const double SecondSiteShare = 0.3;

    private void WriteDemand()
    {
        var orderNumber = 0;
        foreach (var p in _products.Where(p => !p.Intermediate))
        {
            var sites = p.SecondSite >= 0 ? new[] { (p.Site, 1 - SecondSiteShare), (p.SecondSite, SecondSiteShare) } : new[] { (p.Site, 1.0) };
            foreach (var (site, share) in sites)
            {
                // A few days of stock where the product is sold.
                var stock = Math.Round(_rng.Uniform(2, 6) * share * AverageDailyDemand(p));
                if (stock > 0)
                {
                    _model.InitialInventory.Add(new InitialInventory { SiteId = SiteId(site), ProductId = p.Id, Quantity = stock });
                }
                for (var b = 0; b < _buckets.Count; b++)
                {
                    var quantity = Math.Round(p.Demand[b] * share);
                    if (quantity <= 0)
                    {
                        continue;
                    }
                    var bucket = _buckets[b];
                    _model.Forecasts.Add(new Forecast { ProductId = p.Id, SiteId = SiteId(site), Start = At(bucket.Start), End = At(bucket.End), Quantity = quantity });
                    if (bucket.Granularity == Granularity.Day && _rng.Chance(0.25))
                    {
                        _model.Orders.Add(new Order
                        {
                            Id = "O" + Num(++orderNumber, 5),
                            Customer = "C" + Num(_rng.NextInt(1, 30), 2),
                            ProductId = p.Id,
                            SiteId = SiteId(site),
                            Quantity = Math.Max(1, Math.Round(quantity * _rng.Uniform(0.6, 1.3))),
                            Due = At(bucket.Start.AddHours(16)),
                            Priority = _rng.NextInt(0, 3),
                        });
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- load figures

    private List<LineLoad> MeasureLoads()
    {
        var weeks = (_horizonEnd - HorizonStart).TotalDays / 7;
        var loads = new List<LineLoad>();
        foreach (var line in _lines)
        {
            var available = Total(line.Available);
            var production = 0.0;
            foreach (var k in line.Products)
            {
                production += Total(_products[k].Demand) * HoursPerUnit(_products[k]);
            }
            loads.Add(new LineLoad(line.Id, line.Mixing, Round(available, 3), Round(production, 3), Round(CycleChangeoverHours(line), 3), Round((available - production) / weeks, 3)));
        }
        return loads;
    }

    /// <summary>Families light to dark and back, each product of a family after the first costing the family's own switch.</summary>
    private double CycleChangeoverHours(LineInfo line)
    {
        var fams = line.Families.OrderBy(f => _families[f].Level).ThenBy(f => f).ToList();
        var hours = 0.0;
        foreach (var f in fams)
        {
            var count = line.Products.Count(k => _products[k].Family == f);
            hours += Math.Max(0, count - 1) * _familyHours[f, f];
        }
        if (fams.Count >= 2)
        {
            for (var i = 0; i < fams.Count; i++)
            {
                hours += _familyHours[fams[i], fams[(i + 1) % fams.Count]];
            }
        }
        return hours;
    }

    // ---------------------------------------------------------------- helpers

    private double AverageDailyDemand(ProductInfo p) => Total(p.Demand) / (_horizonEnd - HorizonStart).TotalDays;

    private static double HoursPerUnit(ProductInfo p) => 1.0 / (p.Rate * p.Yield);

    private double TotalNeed(MaterialInfo m, int site)
    {
        var total = 0.0;
        for (var b = 0; b < _buckets.Count; b++)
        {
            total += m.Need[site, b];
        }
        return total;
    }

    /// <summary>Need in [from, to), buckets counted pro rata where they overlap.</summary>
    private double NeedBetween(MaterialInfo m, int site, DateTime from, DateTime to)
    {
        var total = 0.0;
        for (var b = 0; b < _buckets.Count; b++)
        {
            var bucket = _buckets[b];
            var start = bucket.Start > from ? bucket.Start : from;
            var end = bucket.End < to ? bucket.End : to;
            if (end > start)
            {
                total += m.Need[site, b] * (end - start).TotalHours / (bucket.End - bucket.Start).TotalHours;
            }
        }
        return total;
    }

    /// <summary>Triangle wave of period 1 in [-1, 1]: a seasonality made of exact arithmetic only.</summary>
    private static double Triangle(double x)
    {
        var f = x - Math.Floor(x);
        return f < 0.5 ? 4 * f - 1 : 3 - 4 * f;
    }

    private static double Square(double x) => x * x;

    private static double Round(double x, int digits) => Math.Round(x, digits, MidpointRounding.AwayFromZero);

    /// <summary>Sums in index order (LINQ's Sum may change its order of additions between versions).</summary>
    private static double Total(double[] values)
    {
        var total = 0.0;
        foreach (var v in values)
        {
            total += v;
        }
        return total;
    }

    private static string Num(int value, int width) => value.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string SiteId(int site) => "S" + Num(site + 1, 2);

    private static string AssetId(int site) => "A" + Num(site + 1, 2);

    private static Timestamp At(DateTime utc) => Timestamp.FromDateTime(utc);

    private static DateTime Day(int y, int m, int d) => new(y, m, d, 0, 0, 0, DateTimeKind.Utc);

    private sealed record Bucket(DateTime Start, DateTime End, Granularity Granularity);

    private sealed record FamilyInfo(string Id, int Level, bool Intermediate);

    private sealed class LineInfo
    {
        public int Index;
        public string Id = "";
        public string Name = "";
        public int Site;
        public bool Mixing;
        public double Utilisation;
        public Calendar Calendar = new();
        public double[] Available = [];
        public int InitialProduct = -1;
        public readonly List<int> Families = [];
        public readonly List<int> Products = [];
        public readonly List<int> AlternateProducts = [];
        public readonly List<(int A, int B)> Forbidden = [];
        public readonly List<(int X, int Y, double Hours, double Cost)> PairRules = [];
    }

    private sealed class ProductInfo
    {
        public int Index;
        public string Id = "";
        public int Site;
        public int Family;
        public int Primary;
        public int Alternate = -1;
        public int SecondSite = -1;
        public bool Intermediate;
        public double Rate;
        public double Yield = 1;
        public double UnitValue;
        public double Price;
        public double Weight;
        public double SeasonAmplitude;
        public double SeasonPhase;
        public bool LostSales;
        public int SafetyDays;
        public bool UsesAsset;
        public int IntermediateSlot = -1;
        public int IntermediateProduct = -1;
        public double IntermediatePerUnit;
        public string TankId = "";
        public double TankCapacity;
        public double[] Demand = [];
        public readonly List<(int Material, double PerUnit)> Materials = [];
    }

    private sealed class MaterialInfo
    {
        public string Id = "";
        public bool Purchasable;
        public int LeadDays;
        public double Cost;
        public double[,] Need = new double[0, 0];
    }
}

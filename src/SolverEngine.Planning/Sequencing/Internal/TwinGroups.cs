namespace SolverEngine.Planning.Sequencing.Internal;

/// <summary>Symmetry breaking shared by the exact tour searches.</summary>
internal static class TwinGroups
{
    /// <summary>
    /// Symmetry breaking. Nodes of a "twin group" have the same weights to and from every node
    /// outside the group and one common weight between any two members (p43 has groups of 2-4
    /// identical jobs at weight 0). Relabelling members inside a tour keeps its weight, so some
    /// optimal tour visits each group in increasing index order: arcs from a higher to a lower
    /// member can be forbidden without losing the optimum. This removes the equivalent subtrees
    /// that otherwise multiply the search. The depot is left out.
    /// </summary>
    public static List<int> ReversalArcs(int n, double[] c)
    {
        var arcs = new List<int>();
        var grouped = new bool[n];
        var group = new List<int>();
        for (int i = 1; i < n; i++)
        {
            if (grouped[i])
            {
                continue;
            }
            group.Clear();
            group.Add(i);
            double intra = double.NaN;
            for (int j = i + 1; j < n; j++)
            {
                if (grouped[j])
                {
                    continue;
                }
                double cij = c[i * n + j];
                if (double.IsPositiveInfinity(cij) || (!double.IsNaN(intra) && cij != intra))
                {
                    continue;
                }
                bool ok = true;
                foreach (int g in group)
                {
                    if (c[g * n + j] != cij || c[j * n + g] != cij || !Twins(n, c, g, j, group))
                    {
                        ok = false;
                        break;
                    }
                }
                if (ok)
                {
                    group.Add(j);
                    intra = cij;
                }
            }
            if (group.Count < 2)
            {
                continue;
            }
            foreach (int g in group)
            {
                grouped[g] = true;
            }
            for (int x = 1; x < group.Count; x++)
            {
                for (int y = 0; y < x; y++)
                {
                    arcs.Add(group[x] * n + group[y]);
                }
            }
        }
        return arcs;
    }

    /// <summary>Same weights to and from every node outside the group and <paramref name="b"/>.</summary>
    private static bool Twins(int n, double[] c, int a, int b, List<int> group)
    {
        for (int k = 0; k < n; k++)
        {
            if (k == a || k == b || group.Contains(k))
            {
                continue;
            }
            if (c[a * n + k] != c[b * n + k] || c[k * n + a] != c[k * n + b])
            {
                return false;
            }
        }
        return true;
    }
}

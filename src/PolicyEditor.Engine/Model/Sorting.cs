namespace PolicyEditor.Engine.Model;

/// <summary>Sorting a buffer down to its distinct values, in place.</summary>
internal static class Sorting
{
    /// <summary>
    /// Sorts <paramref name="items"/> ascending and moves each distinct value once to the front, in order; returns how
    /// many distinct values there are (what lies after them is left over).
    /// </summary>
    public static int SortDistinct<T>(Span<T> items)
        where T : IEquatable<T>
    {
        items.Sort();
        var count = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (count == 0 || !items[count - 1].Equals(items[i]))
            {
                items[count++] = items[i];
            }
        }

        return count;
    }
}

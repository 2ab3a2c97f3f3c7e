using System.Collections;
using System.Collections.Immutable;

namespace PolicyEditor.Engine.Model;

/// <summary>
/// An immutable array compared by its elements, so that records holding lists have value equality
/// (an <see cref="ImmutableArray{T}"/> alone compares by reference).
/// </summary>
public readonly struct ValueArray<T> : IReadOnlyList<T>, IEquatable<ValueArray<T>>
{
    private readonly ImmutableArray<T> _items;

    /// <summary>Wraps <paramref name="items"/>.</summary>
    public ValueArray(ImmutableArray<T> items) => _items = items.IsDefault ? ImmutableArray<T>.Empty : items;

    /// <summary>The empty array.</summary>
    public static ValueArray<T> Empty => new(ImmutableArray<T>.Empty);

    /// <summary>The elements as an immutable array.</summary>
    public ImmutableArray<T> Items => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    /// <inheritdoc />
    public int Count => Items.Length;

    /// <summary>True when there are no elements.</summary>
    public bool IsEmpty => Items.IsEmpty;

    /// <inheritdoc />
    public T this[int index] => Items[index];

    /// <summary>Wraps an immutable array.</summary>
    public static implicit operator ValueArray<T>(ImmutableArray<T> items) => new(items);

    /// <summary>Copies a plain array.</summary>
    public static implicit operator ValueArray<T>(T[] items) => new([.. items]);

    /// <summary>Compares element by element.</summary>
    public static bool operator ==(ValueArray<T> left, ValueArray<T> right) => left.Equals(right);

    /// <summary>Compares element by element.</summary>
    public static bool operator !=(ValueArray<T> left, ValueArray<T> right) => !left.Equals(right);

    /// <summary>The enumerator of the underlying array.</summary>
    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    /// <inheritdoc />
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueArray<T> other)
    {
        var a = Items;
        var b = other.Items;
        if (a == b)
        {
            // The same underlying array (a record copied with another field changed shares it).
            return true;
        }

        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var item in Items)
        {
            h.Add(item);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", Items)}]";
}

/// <summary>Creation helpers for <see cref="ValueArray{T}"/>.</summary>
public static class ValueArray
{
    /// <summary>An array of the given elements.</summary>
    public static ValueArray<T> Create<T>(params T[] items) => new([.. items]);

    /// <summary>An array of the elements of a sequence.</summary>
    public static ValueArray<T> ToValueArray<T>(this IEnumerable<T> items) => new([.. items]);
}

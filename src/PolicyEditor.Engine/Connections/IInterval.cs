namespace PolicyEditor.Engine.Connections;

/// <summary>An inclusive range of integers that <see cref="Intervals"/> can merge, cut and intersect.</summary>
internal interface IInterval<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IInterval<TSelf>
{
    /// <summary>First value of the range.</summary>
    int Start { get; }

    /// <summary>Last value of the range (inclusive).</summary>
    int End { get; }

    /// <summary>The range <paramref name="start"/>..<paramref name="end"/>, both within the type's domain.</summary>
    static abstract TSelf Create(int start, int end);
}

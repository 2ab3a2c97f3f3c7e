namespace PolicyEditor.Engine.Model.Calico;

/// <summary>How a Calico selector compares a label's value.</summary>
public enum CalicoSelectorOperator
{
    /// <summary><c>k == 'v'</c>: the label is present with that value.</summary>
    Equal,

    /// <summary><c>k != 'v'</c>: the label is absent or has another value.</summary>
    NotEqual,

    /// <summary><c>k in {'a', 'b'}</c>.</summary>
    In,

    /// <summary><c>k not in {'a', 'b'}</c>: absent, or none of the values.</summary>
    NotIn,

    /// <summary><c>k contains 's'</c>.</summary>
    Contains,

    /// <summary><c>k starts with 's'</c>.</summary>
    StartsWith,

    /// <summary><c>k ends with 's'</c>.</summary>
    EndsWith,
}

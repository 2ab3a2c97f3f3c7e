namespace PolicyEditor.Engine.Selectors;

/// <summary>The operators of a label selector's <c>matchExpressions</c>.</summary>
public enum SelectorOperator
{
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

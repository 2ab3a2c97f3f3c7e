namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// Parses Calico's selector language: <c>||</c> binds loosest, then <c>&amp;&amp;</c>, then <c>!</c>;
/// terms are <c>all()</c>, <c>global()</c>, <c>has(k)</c>, parentheses, and comparisons of a label
/// (<c>==</c>, <c>!=</c>, <c>in {...}</c>, <c>not in {...}</c>, <c>contains</c>, <c>starts with</c>,
/// <c>ends with</c>) with quoted values. An empty selector is <c>all()</c>.
/// </summary>
internal sealed class CalicoSelectorParser
{
    private readonly string _text;
    private int _pos;

    private CalicoSelectorParser(string text) => _text = text;

    /// <summary>The expression, or the first error and its column (from 1).</summary>
    public static (CalicoSelectorExpression? Expression, string? Error, int Column) Parse(string text)
    {
        var parser = new CalicoSelectorParser(text);
        try
        {
            parser.SkipSpace();
            if (parser.AtEnd)
            {
                return (CalicoSelectorExpression.All, null, 0);
            }

            var expression = parser.ParseOr();
            parser.SkipSpace();
            if (!parser.AtEnd)
            {
                parser.Fail("'&&', '||' or the end of the selector");
            }

            return (expression, null, 0);
        }
        catch (SelectorSyntaxException e)
        {
            return (null, e.Message, e.Column);
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private CalicoSelectorExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryTake("||"))
        {
            left = new CalicoSelectorExpression.OrExpression(left, ParseAnd());
        }

        return left;
    }

    private CalicoSelectorExpression ParseAnd()
    {
        var left = ParseUnary();
        while (TryTake("&&"))
        {
            left = new CalicoSelectorExpression.AndExpression(left, ParseUnary());
        }

        return left;
    }

    private CalicoSelectorExpression ParseUnary()
    {
        SkipSpace();
        if (Peek('!') && !PeekAt(1, '='))
        {
            _pos++;
            return new CalicoSelectorExpression.NotExpression(ParseUnary());
        }

        return ParsePrimary();
    }

    private CalicoSelectorExpression ParsePrimary()
    {
        SkipSpace();
        if (TryTake("("))
        {
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var word = ReadKey();
        if (word.Length == 0)
        {
            Fail("a label name, 'all()', 'global()', 'has(', '!' or '('");
        }

        SkipSpace();
        if (Peek('(') && word is "all" or "global" or "has")
        {
            _pos++;
            if (word == "has")
            {
                SkipSpace();
                var key = ReadKey();
                if (key.Length == 0)
                {
                    Fail("a label name inside has()");
                }

                Expect(")");
                return new CalicoSelectorExpression.HasExpression(key);
            }

            Expect(")");
            return word == "all" ? CalicoSelectorExpression.All : new CalicoSelectorExpression.GlobalExpression();
        }

        if (TryTake("=="))
        {
            return Compare(word, CalicoSelectorOperator.Equal, ReadString());
        }

        if (TryTake("!="))
        {
            return Compare(word, CalicoSelectorOperator.NotEqual, ReadString());
        }

        var opStart = _pos;
        switch (ReadKey())
        {
            case "in":
                return new CalicoSelectorExpression.CompareExpression(word, CalicoSelectorOperator.In, ReadSet());
            case "not":
                ExpectWord("in");
                return new CalicoSelectorExpression.CompareExpression(word, CalicoSelectorOperator.NotIn, ReadSet());
            case "contains":
                return Compare(word, CalicoSelectorOperator.Contains, ReadString());
            case "starts":
                ExpectWord("with");
                return Compare(word, CalicoSelectorOperator.StartsWith, ReadString());
            case "ends":
                ExpectWord("with");
                return Compare(word, CalicoSelectorOperator.EndsWith, ReadString());
            default:
                _pos = opStart;
                Fail($"an operator after label '{word}' (==, !=, in, not in, contains, starts with, ends with)");
                return null!;
        }
    }

    private static CalicoSelectorExpression Compare(string key, CalicoSelectorOperator op, string value) =>
        new CalicoSelectorExpression.CompareExpression(key, op, new[] { value });

    private Model.ValueArray<string> ReadSet()
    {
        Expect("{");
        var values = new List<string>();
        SkipSpace();
        if (TryTake("}"))
        {
            return values.ToArray();
        }

        do
        {
            values.Add(ReadString());
        }
        while (TryTake(","));
        Expect("}");
        return values.ToArray();
    }

    private string ReadString()
    {
        SkipSpace();
        if (AtEnd || (_text[_pos] != '\'' && _text[_pos] != '"'))
        {
            Fail("a quoted value ('...' or \"...\")");
        }

        var quote = _text[_pos];
        var end = _text.IndexOf(quote, _pos + 1);
        if (end < 0)
        {
            Fail($"a closing {quote} for the value that starts here");
        }

        var value = _text[(_pos + 1)..end];
        _pos = end + 1;
        return value;
    }

    private string ReadKey()
    {
        SkipSpace();
        var start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.' or '/' or '-'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private void ExpectWord(string word)
    {
        var at = _pos;
        if (ReadKey() != word)
        {
            _pos = at;
            SkipSpace();
            Fail($"'{word}'");
        }
    }

    private void Expect(string token)
    {
        if (!TryTake(token))
        {
            Fail($"'{token}'");
        }
    }

    private bool TryTake(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0 && _pos + token.Length <= _text.Length)
        {
            _pos += token.Length;
            return true;
        }

        return false;
    }

    private bool Peek(char c) => !AtEnd && _text[_pos] == c;

    private bool PeekAt(int offset, char c) => _pos + offset < _text.Length && _text[_pos + offset] == c;

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos]))
        {
            _pos++;
        }
    }

    private void Fail(string expected)
    {
        SkipSpace();
        var found = AtEnd ? "the end of the selector" : $"'{_text[_pos]}'";
        throw new SelectorSyntaxException($"expected {expected} at column {_pos + 1} but found {found}", _pos + 1);
    }

    private sealed class SelectorSyntaxException(string message, int column) : Exception(message)
    {
        public int Column { get; } = column;
    }
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Coopdir.Core.Imports;

/// <summary>
/// What a YAML file may be before it is loaded: YamlDotNet builds nodes recursively (a file of a million "[" would
/// overflow the stack and end the process, which no catch can stop), and aliases let a small file stand for a huge
/// tree (each alias is walked again wherever it is used). So the events are counted first, without building anything.
/// </summary>
public static class YamlLimits
{
    public const int MaxDepth = 64, MaxAliases = 100, MaxEvents = 2_000_000;

    /// <summary>Why the YAML is refused, or null when it is within the limits (its syntax is checked when it is loaded).</summary>
    public static string? Problem(TextReader reader)
    {
        var parser = new Parser(reader);
        int depth = 0, aliases = 0, events = 0;
        try
        {
            while (parser.MoveNext())
            {
                if (++events > MaxEvents) return $"has more than {MaxEvents:N0} YAML nodes";
                switch (parser.Current)
                {
                    case MappingStart or SequenceStart when ++depth > MaxDepth:
                        return $"nests more than {MaxDepth} levels deep (line {parser.Current.Start.Line})";
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case AnchorAlias when ++aliases > MaxAliases:
                        return $"uses more than {MaxAliases} aliases (line {parser.Current.Start.Line})";
                }
            }
        }
        catch (YamlException)
        {
            return null; // a syntax error: loading reports it with its line
        }
        return null;
    }
}

namespace Coopdir.Core.Input;

/// <summary>
/// Every limit on what enters the directory, in one place (docs/api.md lists them): the size of a request body per kind
/// of endpoint, the length of each field, the count of each list of a record, and the rows and fields of an import.
/// A limit exists so that one contributor cannot make every reader pay: a proposal of 5,000 locations was 25 MB and
/// every anonymous view of /proposals rendered all of it.
/// </summary>
public static class InputLimits
{
    // Request bodies, in bytes. Kestrel's own limit is the largest any endpoint needs (Imports); each group lowers it.

    /// <summary>A body that names one thing: a profile URL to read.</summary>
    public const int MinimalBodyBytes = 4 * 1024;

    /// <summary>A short JSON body: a problem report, a duplicate decision, a relationship or an assertion.</summary>
    public const int TinyBodyBytes = 16 * 1024;

    /// <summary>A civic problem or a response to one.</summary>
    public const int SmallBodyBytes = 64 * 1024;

    /// <summary>An edit or a proposal (a JSON Merge Patch of one record, or a form): a full record within the caps below fits.</summary>
    public const int EditBodyBytes = 256 * 1024;

    /// <summary>A reconciliation batch (OpenRefine sends up to a few hundred queries at once).</summary>
    public const int ReconcileBodyBytes = 1_000_000;

    /// <summary>An import over HTTP (a zip of publiccode.yml files).</summary>
    public const long ImportBodyBytes = 20L * 1024 * 1024;

    /// <summary>A body that arrives slower than this, after <see cref="SlowBodyGraceSeconds"/>, is cut off with 408.</summary>
    public const double MinBodyBytesPerSecond = 240;
    public const int SlowBodyGraceSeconds = 5;

    /// <summary>Headers: what Kestrel reads before routing.</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    // Fields of a record, in characters (UTF-16 code units, as .NET counts them).
    public const int Name = 300;
    public const int Description = 20_000;
    public const int Email = 254;
    public const int Url = 2_000;
    public const int Phone = 50;
    public const int IdentifierScheme = 100;
    public const int IdentifierValue = 500;
    public const int ClassificationCode = 100;
    public const int Street = 500;
    public const int Place = 200;
    public const int Postcode = 40;
    public const int LanguageTag = 35;
    public const int Summary = 500;

    // Lists of a record.
    public const int AlternateNames = 500;
    public const int Types = 20;
    public const int DescriptionsByLanguage = 50;
    public const int Locations = 100;
    public const int Identifiers = 100;
    public const int Classifications = 500;
    public const int Relationships = 500;

    // Other features' fields, in characters, and lists; each feature names them for its own checks.
    public const int ProblemTitle = 200;
    public const int ProblemDescription = 10_000;
    public const int ProblemResponse = 5_000;
    public const int ProblemLinks = 5;
    public const int ProblemLink = 500;
    public const int ReportText = 2_000;
    public const int ReportContact = 200;
    public const int ReconcileText = 500;
    public const int ReconcileProperties = 20;
    public const int ReconcileValues = 10;

    /// <summary>A cell of a CSV file read by `coopdir import`.</summary>
    public const int ImportFieldChars = 100_000;

    /// <summary>How many proposals a page of the review queue and of a history shows.</summary>
    public const int PageSize = 50;

    /// <summary>How much of a long text a summary (review queue, history) shows.</summary>
    public const int SummaryChars = 200;
}

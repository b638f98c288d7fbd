using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources;

/// <param name="Errors">Why the order was refused (nothing was written); empty when it was set.</param>
public sealed record PrecedenceResult(IReadOnlyList<FieldError> Errors, RemergeCounts? Counts);

/// <summary>
/// Sets a field's order of sources and, in the same write, merges again every record two or more counted
/// sources list, so the order takes effect at once rather than at each source's next import.
/// </summary>
public sealed class PrecedenceChange(Store store, TimeProvider clock)
{
    public async Task<PrecedenceResult> SetAsync(string field, IReadOnlyList<string> sourceNames, string author)
    {
        var errors = new List<FieldError>();
        if (!FieldMerge.Fields.Contains(field))
            errors.Add(new FieldError("field", $"'{field}' is not a field of the record ({string.Join(", ", FieldMerge.Fields)})"));
        if (sourceNames.Count == 0) errors.Add(new FieldError("order", "name at least one source"));
        if (sourceNames.Distinct(StringComparer.Ordinal).Count() != sourceNames.Count) errors.Add(new FieldError("order", "a source is named twice"));

        await using var session = await store.BeginWriteAsync(bulk: true);
        var sources = (await SourceRegistry.AllAsync(await session.ReadingAsync())).ToDictionary(s => s.Name, StringComparer.Ordinal);
        errors.AddRange(sourceNames.Where(n => !sources.ContainsKey(n))
            .Select(n => new FieldError("order", $"there is no source '{n}' ({string.Join(", ", sources.Keys)})")));
        if (errors.Count > 0) return new PrecedenceResult(errors, null);

        await PrecedenceSettings.SetAsync(session, field, sourceNames.Select(n => sources[n].Id).ToList());
        var counts = await Remerge.RunAsync(session, new OrganizationWriter(clock), await Remerge.ListedByManyAsync(session),
            new ChangeNote(author, $"Order of sources for {field}: {string.Join(", ", sourceNames)}", clock.GetUtcNow()));
        await session.CommitAsync();
        return new PrecedenceResult([], counts);
    }
}

import type { LeadScoreDto, ScoreWeights } from '@parley/contracts';
import { emptyEngagement, LeadScorer } from '../scoring/lead-scorer';
import type { ImportedLead } from './lead-row-parser';

/** Scores a new lead from a CSV row: its fields only (an imported lead has no activities or calls yet). */
export class ImportedLeadScorer {
  private readonly scorer = new LeadScorer();

  constructor(
    private readonly weights: ScoreWeights,
    private readonly defaultSource: string,
    private readonly now: Date,
  ) {}

  score(lead: ImportedLead): LeadScoreDto {
    return this.scorer.score(
      {
        lead: {
          email: lead.email,
          phone: lead.phone,
          company: lead.company,
          title: lead.title,
          industry: lead.industry,
          company_size: lead.company_size,
          annual_revenue: lead.annual_revenue,
          budget: lead.budget,
          website: lead.website,
          country: lead.country,
          source: lead.source ?? this.defaultSource,
          status: lead.status ?? 'new',
          tags: lead.tags,
          created_at: this.now,
        },
        ...emptyEngagement(),
      },
      this.weights,
      this.now,
    );
  }
}

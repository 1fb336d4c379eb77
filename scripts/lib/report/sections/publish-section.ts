import type { CommandRecord, PublishStage } from '../../results/types.ts';
import type { ReportContext } from '../report-context.ts';
import { stageSection, type StageSectionView } from './stage-section.ts';

export interface CheckView {
  ok: boolean;
  text: string;
}

export interface PublishedImageView {
  source: string;
  reference: string;
  imageId: string;
  digest: string;
  catalog: CheckView;
  tag: CheckView;
  digestMatches: CheckView;
  push: string;
}

export interface PublishView extends StageSectionView {
  registry: string;
  images: PublishedImageView[];
}

/**
 * Publish runs no trial: its commands are the run-level ones that tag, push or
 * start the registry, which is what the workshop's step 1 typed by hand.
 */
const isPublishCommand = (command: CommandRecord): boolean =>
  command.trialId === null && command.argv.some((arg) => arg === 'push' || arg === 'tag' || /registry/i.test(arg));

export function publishSection(ctx: ReportContext, stage: PublishStage): PublishView {
  const { t, f, none } = ctx;
  const check = (ok: boolean): CheckView => ({ ok, text: t(ok ? 'common.yes' : 'common.no') });
  const verified = stage.images.filter((image) => image.verified.catalog && image.verified.tag && image.verified.digestMatches);
  const findings = [
    t('stage.publish.finding.verified', { verified: f.count(verified.length) ?? none, total: f.count(stage.images.length) ?? none, registry: stage.registry }),
    ...stage.images.filter((image) => !verified.includes(image)).map((image) => t('stage.publish.finding.unverified', {
      reference: image.reference,
      checks: [
        image.verified.catalog ? null : t('stage.publish.catalog'),
        image.verified.tag ? null : t('stage.publish.tag'),
        image.verified.digestMatches ? null : t('stage.publish.digestMatches'),
      ].filter((text): text is string => text !== null).join(', '),
    })),
  ];
  const pushes = stage.images.map((image) => image.pushMs);
  if (pushes.length > 1) {
    findings.push(t('stage.publish.finding.pushTimes', {
      slowest: f.msAsSeconds(Math.max(...pushes)) ?? none, fastest: f.msAsSeconds(Math.min(...pushes)) ?? none,
    }));
  }
  return {
    ...stageSection(ctx, 'publish', stage, { findings, commands: isPublishCommand }),
    registry: stage.registry,
    images: stage.images.map((image) => ({
      source: image.source, reference: image.reference, imageId: image.imageId, digest: image.digest ?? none,
      catalog: check(image.verified.catalog), tag: check(image.verified.tag), digestMatches: check(image.verified.digestMatches),
      push: f.msAsSeconds(image.pushMs) ?? none,
    })),
  };
}

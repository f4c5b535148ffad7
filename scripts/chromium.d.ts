/** Types of scripts/chromium.js for the browser tests. */
export declare const DEBIAN_CHROMIUM: string;

export interface ResolvedChromium {
  executablePath: string;
  args: string[];
  source: 'CHROMIUM_PATH' | 'debian' | 'npm';
}

export declare function resolveChromium(options?: {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  fromNpm?: () => { executablePath: () => Promise<string>; args: string[] };
  extraArgs?: string[];
}): Promise<ResolvedChromium>;

export declare function npmChromiumPath(): Promise<string>;
